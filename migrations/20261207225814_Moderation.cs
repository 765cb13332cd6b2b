using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StudyGuide.Web.Migrations
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "suspended_until",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspension_reason",
                table: "users",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lock_reason",
                table: "threads",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "locked_at",
                table: "threads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "slow_mode_minutes",
                table: "threads",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "hidden_at",
                table: "posts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "removal_note",
                table: "posts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "removal_reason",
                table: "posts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "removed_at",
                table: "posts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "removed_by_site_staff",
                table: "posts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "pre_moderation",
                table: "groups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "report_threshold",
                table: "groups",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.CreateTable(
                name: "group_mutes",
                columns: table => new
                {
                    group_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_group_mutes", x => new { x.group_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_group_mutes_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_group_mutes_users_created_by_user_id",
                        column: x => x.created_by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_group_mutes_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "held_posts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    thread_id = table.Column<int>(type: "integer", nullable: false),
                    author_id = table.Column<string>(type: "text", nullable: false),
                    edit_of_post_id = table.Column<long>(type: "bigint", nullable: true),
                    body_markdown = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    body_html = table.Column<string>(type: "text", nullable: false),
                    reply_to_number = table.Column<int>(type: "integer", nullable: true),
                    visible_to_user_id = table.Column<string>(type: "text", nullable: true),
                    idempotency_key = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    matched_word = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    refused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refusal_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    refusal_note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_held_posts", x => x.id);
                    table.ForeignKey(
                        name: "fk_held_posts_posts_edit_of_post_id",
                        column: x => x.edit_of_post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_held_posts_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_held_posts_users_author_id",
                        column: x => x.author_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_held_posts_users_visible_to_user_id",
                        column: x => x.visible_to_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "moderation_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "text", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: true),
                    thread_id = table.Column<int>(type: "integer", nullable: true),
                    post_number = table.Column<int>(type: "integer", nullable: true),
                    target_user_id = table.Column<string>(type: "text", nullable: true),
                    target_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_moderation_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "post_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    post_id = table.Column<long>(type: "bigint", nullable: false),
                    reporter_id = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_post_reports_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_post_reports_users_reporter_id",
                        column: x => x.reporter_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "safety_help_texts",
                columns: table => new
                {
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    markdown = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safety_help_texts", x => x.language);
                });

            migrationBuilder.CreateTable(
                name: "watched_words",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    group_id = table.Column<int>(type: "integer", nullable: true),
                    phrase = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_watched_words", x => x.id);
                    table.ForeignKey(
                        name: "fk_watched_words_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_groups_report_threshold",
                table: "groups",
                sql: "report_threshold BETWEEN 1 AND 100");

            migrationBuilder.CreateIndex(
                name: "ix_group_mutes_created_by_user_id",
                table: "group_mutes",
                column: "created_by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_group_mutes_user_id",
                table: "group_mutes",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_held_posts_author_id_idempotency_key",
                table: "held_posts",
                columns: new[] { "author_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_held_posts_edit_of_post_id",
                table: "held_posts",
                column: "edit_of_post_id");

            migrationBuilder.CreateIndex(
                name: "ix_held_posts_thread_id_author_id",
                table: "held_posts",
                columns: new[] { "thread_id", "author_id" });

            migrationBuilder.CreateIndex(
                name: "ix_held_posts_visible_to_user_id",
                table: "held_posts",
                column: "visible_to_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_moderation_log_actor_id_id",
                table: "moderation_log",
                columns: new[] { "actor_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_moderation_log_group_id_id",
                table: "moderation_log",
                columns: new[] { "group_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_moderation_log_group_id_target_user_id_id",
                table: "moderation_log",
                columns: new[] { "group_id", "target_user_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_post_reports_created_at",
                table: "post_reports",
                column: "created_at",
                filter: "resolved_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_post_reports_post_id_reporter_id",
                table: "post_reports",
                columns: new[] { "post_id", "reporter_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_post_reports_reporter_id",
                table: "post_reports",
                column: "reporter_id");

            migrationBuilder.CreateIndex(
                name: "ix_watched_words_group_id",
                table: "watched_words",
                column: "group_id");

            // The moderation log is append-only in the database itself, whoever connects: UPDATE, DELETE and TRUNCATE fail.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_moderation_log_change() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    RAISE EXCEPTION 'moderation_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
                END
                $body$;

                CREATE TRIGGER moderation_log_append_only
                    BEFORE UPDATE OR DELETE ON moderation_log
                    FOR EACH ROW EXECUTE FUNCTION refuse_moderation_log_change();

                CREATE TRIGGER moderation_log_no_truncate
                    BEFORE TRUNCATE ON moderation_log
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_moderation_log_change();
                """);

            // A suspension's end is part of the account check, so changing it must notify the app processes too.
            migrationBuilder.Sql("""
                DROP TRIGGER users_account_changed ON users;
                CREATE TRIGGER users_account_changed
                    AFTER UPDATE OF security_stamp, suspended_at, suspended_until, must_change_password OR DELETE ON users
                    FOR EACH ROW EXECUTE FUNCTION notify_account_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER users_account_changed ON users;
                CREATE TRIGGER users_account_changed
                    AFTER UPDATE OF security_stamp, suspended_at, must_change_password OR DELETE ON users
                    FOR EACH ROW EXECUTE FUNCTION notify_account_changed();
                DROP TABLE moderation_log;
                DROP FUNCTION refuse_moderation_log_change();
                """);

            migrationBuilder.DropTable(
                name: "group_mutes");

            migrationBuilder.DropTable(
                name: "held_posts");


            migrationBuilder.DropTable(
                name: "post_reports");

            migrationBuilder.DropTable(
                name: "safety_help_texts");

            migrationBuilder.DropTable(
                name: "watched_words");

            migrationBuilder.DropCheckConstraint(
                name: "ck_groups_report_threshold",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "suspended_until",
                table: "users");

            migrationBuilder.DropColumn(
                name: "suspension_reason",
                table: "users");

            migrationBuilder.DropColumn(
                name: "lock_reason",
                table: "threads");

            migrationBuilder.DropColumn(
                name: "locked_at",
                table: "threads");

            migrationBuilder.DropColumn(
                name: "slow_mode_minutes",
                table: "threads");

            migrationBuilder.DropColumn(
                name: "hidden_at",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "removal_note",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "removal_reason",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "removed_at",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "removed_by_site_staff",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "pre_moderation",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "report_threshold",
                table: "groups");
        }
    }
}
