using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Discussions;

/// <summary>What a `posts rerender` run did.</summary>
public sealed record RerenderSummary(int Examined, int PostsChanged, int RevisionsChanged);

/// <summary>
/// `posts rerender`: the stored HTML of posts (and of their revisions) rendered again with today's pipeline, after
/// an upgrade changed it (<see cref="PostMarkdown.RendererVersion"/>). Posts go by id in batches, one transaction
/// each, and every post examined gets the current version: a run that stops half way leaves whole batches done,
/// and the next run starts where it stopped, since the posts already at the current version are skipped.
/// </summary>
public static class PostRerendering
{
    public const int DefaultBatchSize = 500;

    /// <param name="all">Every post, not only those rendered by an older version (after a fix whose version bump was forgotten).</param>
    public static async Task<RerenderSummary> RunAsync(
        AppDbContext db, bool all, TextWriter output, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        var version = PostMarkdown.RendererVersion;
        var strategy = db.Database.CreateExecutionStrategy();
        long after = 0;
        int examined = 0, postsChanged = 0, revisionsChanged = 0;
        while (true)
        {
            // Re-run whole by the retrying strategy if the connection drops: it recomputes from what is stored.
            var batch = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // FOR UPDATE: an author saving an edit meanwhile waits for this batch, or this batch waits for
                // the edit and re-renders the new text; neither overwrites the other.
                var posts = await db.Posts
                    .FromSql($"""
                        SELECT * FROM posts
                        WHERE id > {after} AND ({all} OR renderer_version < {version})
                        ORDER BY id
                        LIMIT {batchSize}
                        FOR UPDATE
                        """)
                    .ToListAsync(cancellationToken);
                if (posts.Count == 0) return (Batch?)null;

                var ids = posts.Select(p => p.Id).ToList();
                var revisions = await db.PostRevisions.Where(r => ids.Contains(r.PostId)).ToListAsync(cancellationToken);
                var changed = 0;
                foreach (var post in posts)
                {
                    var html = PostMarkdown.RenderStored(post.BodyMarkdown);
                    if (html != post.BodyHtml)
                    {
                        post.BodyHtml = html;
                        changed++;
                    }
                    post.RendererVersion = version;
                }
                var revisionsDone = 0;
                foreach (var revision in revisions)
                {
                    var html = PostMarkdown.RenderStored(revision.BodyMarkdown);
                    if (html == revision.BodyHtml) continue;
                    revision.BodyHtml = html;
                    revisionsDone++;
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new Batch(posts.Count, ids[0], ids[^1], changed, revisionsDone);
            });
            if (batch is null) break;

            after = batch.Last;
            examined += batch.Count;
            postsChanged += batch.Changed;
            revisionsChanged += batch.Revisions;
            await output.WriteLineAsync(
                $"Posts {batch.First}–{batch.Last}: {batch.Count} examined, {batch.Changed} with new HTML, {batch.Revisions} revision(s) with new HTML.");
        }
        db.ChangeTracker.Clear();

        await output.WriteLineAsync(examined == 0
            ? $"Every post is at renderer version {version}; nothing to do."
            : $"Done: {examined} post(s) examined and now at renderer version {version}; {postsChanged} with new HTML; {revisionsChanged} revision(s) with new HTML.");
        return new RerenderSummary(examined, postsChanged, revisionsChanged);
    }

    sealed record Batch(int Count, long First, long Last, int Changed, int Revisions);
}
