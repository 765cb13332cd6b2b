using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyGuide.Web.Migrations
{
    /// <inheritdoc />
    public partial class InstallationId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "installation_id",
                table: "site_settings",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");
            // The default is volatile, so PostgreSQL fills the existing row with its own random id: nothing to update.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "installation_id",
                table: "site_settings");
        }
    }
}
