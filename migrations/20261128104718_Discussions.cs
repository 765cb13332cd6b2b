using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StudyGuide.Web.Migrations
{
    /// <inheritdoc />
    public partial class Discussions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_post_at",
                table: "threads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "last_post_number",
                table: "threads",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "body_markdown",
                table: "posts",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "posts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "edited_at",
                table: "posts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "idempotency_key",
                table: "posts",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "renderer_version",
                table: "posts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "reply_to_number",
                table: "posts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "visible_to_user_id",
                table: "posts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "only_facilitators_start_threads",
                table: "groups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "post_revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    post_id = table.Column<long>(type: "bigint", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    body_markdown = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    body_html = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_post_revisions_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "thread_reads",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    thread_id = table.Column<int>(type: "integer", nullable: false),
                    last_read_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thread_reads", x => new { x.user_id, x.thread_id });
                    table.ForeignKey(
                        name: "fk_thread_reads_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_thread_reads_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_threads_group_id_last_post_at",
                table: "threads",
                columns: new[] { "group_id", "last_post_at" });

            migrationBuilder.CreateIndex(
                name: "ix_posts_author_id_idempotency_key",
                table: "posts",
                columns: new[] { "author_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_posts_visible_to_user_id",
                table: "posts",
                column: "visible_to_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_post_revisions_post_id_revision",
                table: "post_revisions",
                columns: new[] { "post_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_thread_reads_thread_id",
                table: "thread_reads",
                column: "thread_id");

            migrationBuilder.AddForeignKey(
                name: "fk_posts_users_visible_to_user_id",
                table: "posts",
                column: "visible_to_user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_posts_users_visible_to_user_id",
                table: "posts");

            migrationBuilder.DropTable(
                name: "post_revisions");

            migrationBuilder.DropTable(
                name: "thread_reads");

            migrationBuilder.DropIndex(
                name: "ix_threads_group_id_last_post_at",
                table: "threads");

            migrationBuilder.DropIndex(
                name: "ix_posts_author_id_idempotency_key",
                table: "posts");

            migrationBuilder.DropIndex(
                name: "ix_posts_visible_to_user_id",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "last_post_at",
                table: "threads");

            migrationBuilder.DropColumn(
                name: "last_post_number",
                table: "threads");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "edited_at",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "renderer_version",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "reply_to_number",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "visible_to_user_id",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "only_facilitators_start_threads",
                table: "groups");

            migrationBuilder.AlterColumn<string>(
                name: "body_markdown",
                table: "posts",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20000)",
                oldMaxLength: 20000);
        }
    }
}
