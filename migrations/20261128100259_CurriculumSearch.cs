using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace StudyGuide.Web.Migrations
{
    /// <inheritdoc />
    public partial class CurriculumSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "curriculum_documents",
                columns: table => new
                {
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false, computedColumnSql: "setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END, title), 'A') ||\nsetweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END, summary), 'B') ||\nsetweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END, body), 'C')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_curriculum_documents", x => new { x.language, x.kind, x.slug });
                });

            migrationBuilder.CreateIndex(
                name: "ix_curriculum_documents_search_vector",
                table: "curriculum_documents",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "curriculum_documents");
        }
    }
}
