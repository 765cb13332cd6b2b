using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyGuide.Web.Migrations
{
    /// <inheritdoc />
    public partial class ThreadListKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_threads_group_id_created_at",
                table: "threads");

            migrationBuilder.DropIndex(
                name: "ix_threads_group_id_last_post_at",
                table: "threads");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "activity_at",
                table: "threads",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "member_activity_at",
                table: "threads",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Backfill, by the rule Posting's UPDATE keeps from now on: any post moves activity_at; members'
            // key moves only in free threads and open reflection threads, and stays at the start in gated ones.
            // Then drop the placeholder defaults, so an insert that forgets the keys fails instead of sorting at year 1.
            migrationBuilder.Sql("""
                UPDATE threads t SET
                    activity_at = coalesce(t.last_post_at, t.created_at),
                    member_activity_at = CASE
                        WHEN t.assignment_id IS NULL
                            OR EXISTS (SELECT 1 FROM assignments a WHERE a.id = t.assignment_id AND a.reflection_mode = 'Open')
                        THEN coalesce(t.last_post_at, t.created_at)
                        ELSE t.created_at END;
                ALTER TABLE threads ALTER COLUMN activity_at DROP DEFAULT, ALTER COLUMN member_activity_at DROP DEFAULT;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_threads_group_id_activity_at_id",
                table: "threads",
                columns: new[] { "group_id", "activity_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_threads_group_id_created_at_id",
                table: "threads",
                columns: new[] { "group_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_threads_group_id_member_activity_at_id",
                table: "threads",
                columns: new[] { "group_id", "member_activity_at", "id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_threads_group_id_activity_at_id",
                table: "threads");

            migrationBuilder.DropIndex(
                name: "ix_threads_group_id_created_at_id",
                table: "threads");

            migrationBuilder.DropIndex(
                name: "ix_threads_group_id_member_activity_at_id",
                table: "threads");

            migrationBuilder.DropColumn(
                name: "activity_at",
                table: "threads");

            migrationBuilder.DropColumn(
                name: "member_activity_at",
                table: "threads");

            migrationBuilder.CreateIndex(
                name: "ix_threads_group_id_created_at",
                table: "threads",
                columns: new[] { "group_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_threads_group_id_last_post_at",
                table: "threads",
                columns: new[] { "group_id", "last_post_at" });
        }
    }
}
