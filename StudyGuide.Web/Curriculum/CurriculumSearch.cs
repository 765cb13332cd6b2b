using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Curriculum;

public static class CurriculumSearch
{
    public const int MaxQueryLength = 200;

    /// <summary>Replaces the search table with <paramref name="library"/>'s documents, all at once or not at all.</summary>
    public static async Task RefreshAsync(AppDbContext db, CurriculumLibrary library, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Two instances starting together would each delete, then collide on insert; the second waits instead.
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE curriculum_documents IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
            await db.CurriculumSearchRows.ExecuteDeleteAsync(cancellationToken);
            db.CurriculumSearchRows.AddRange(library.Documents.Select(d => new CurriculumSearchRow
            {
                Language = d.Language,
                Kind = d.Kind,
                Slug = d.Slug,
                Title = d.Title,
                Summary = d.Summary,
                Body = d.Body.Text,
            }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
    }
}
