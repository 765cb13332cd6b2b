using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace StudyGuide.Web.Curriculum;

/// <summary>
/// A module or guide as the search sees it: a copy of the loaded files, replaced whole at start-up.
/// The files stay the source of truth; this table exists only for PostgreSQL full-text search.
/// </summary>
public sealed class CurriculumSearchRow
{
    public required string Language { get; init; }
    public required DocumentKind Kind { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Body { get; init; }

    /// <summary>Computed by PostgreSQL from the columns above; never written by the app.</summary>
    public NpgsqlTsVector SearchVector { get; private set; } = null!;
}

sealed class CurriculumSearchRowConfiguration : IEntityTypeConfiguration<CurriculumSearchRow>
{
    // Title weighs more than summary, summary more than body; each in its own language's dictionary
    // so that "reflections" finds "reflection" and "désinformations" finds "désinformation".
    const string SearchVectorSql = """
        setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END, title), 'A') ||
        setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END, summary), 'B') ||
        setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END, body), 'C')
        """;

    public void Configure(EntityTypeBuilder<CurriculumSearchRow> builder)
    {
        builder.ToTable("curriculum_documents");
        builder.HasKey(d => new { d.Language, d.Kind, d.Slug });
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Slug).HasMaxLength(100);
        builder.Property(d => d.SearchVector).HasComputedColumnSql(SearchVectorSql, stored: true);
        builder.HasIndex(d => d.SearchVector).HasMethod("GIN");
    }
}
