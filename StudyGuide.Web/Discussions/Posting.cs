using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Discussions;

/// <summary>The post that was made (or had already been made with the same key), or why none was.</summary>
public sealed record PostingResult(Post? Post, PostProblem? Problem);

/// <summary>Writing posts: numbering under concurrency, idempotency, revisions.</summary>
public static class Posting
{
    /// <summary>
    /// Who may see a new post: a facilitator's post in a private thread is seen by the student it
    /// answers. Also checks that the post being answered exists, is in its place (not removed or hidden) and that the writer can see it.
    /// </summary>
    public static async Task<(string? VisibleToUserId, PostProblem? Problem)> AudienceAsync(
        AppDbContext db, ThreadAccess access, int? replyToNumber, CancellationToken cancellationToken = default)
    {
        var target = replyToNumber is { } number
            ? await db.Posts.AsNoTracking()
                .Where(p => p.ThreadId == access.Thread.Id && p.Number == number)
                .VisibleTo(access)
                .InPlace()
                .Select(p => new { p.AuthorId, p.VisibleToUserId })
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        if (replyToNumber is not null && target is null) return (null, PostProblem.ReplyNotFound);
        if (access.Mode != ReflectionMode.Private || !access.IsFacilitator) return (null, null);
        if (target is null) return (null, PostProblem.ChooseStudent);

        // Answering a student's post, or continuing an exchange already addressed to one student.
        var studentId = target.VisibleToUserId ?? target.AuthorId;
        var isStudent = await db.Memberships.AnyAsync(
            m => m.GroupId == access.Thread.GroupId && m.UserId == studentId && m.Role == MembershipRole.Member, cancellationToken);
        return isStudent ? (studentId, null) : (null, PostProblem.ChooseStudent);
    }

    /// <summary>
    /// Adds a post with the thread's next number. The increment and the insert share one transaction:
    /// the row lock on the thread serialises concurrent posters, and a rollback undoes the increment,
    /// so numbers never repeat and never skip. The whole unit is retried on transient errors, and a
    /// key already used by this author returns the post it made instead of a second one.
    /// </summary>
    public static async Task<PostingResult> CreateAsync(
        AppDbContext db, int threadId, string authorId, string markdown, Guid idempotencyKey,
        int? replyToNumber, string? visibleToUserId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // A form sent without its key (a hand-made request) cannot be deduplicated; it must not match the
        // author's earlier keyless post either, so it gets a key of its own.
        if (idempotencyKey == Guid.Empty) idempotencyKey = Guid.NewGuid();
        var rendered = PostMarkdown.Render(markdown);
        if (rendered.Problem is { } problem) return new PostingResult(null, problem);

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                // A second click, a browser retry, or a retry after a commit whose acknowledgement was lost
                // finds the post made the first time.
                if (await FindByKeyAsync(db, authorId, idempotencyKey, cancellationToken) is { } made) return new PostingResult(made, null);

                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var post = await AddNumberedAsync(db, threadId, authorId, markdown, rendered.Html, idempotencyKey, replyToNumber, visibleToUserId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new PostingResult(post, null);
            });
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same key raced in from a second request (a double click): show the post the first one made.
            db.ChangeTracker.Clear();
            if (await FindByKeyAsync(db, authorId, idempotencyKey, cancellationToken) is { } raced) return new PostingResult(raced, null);
            throw;
        }
    }

    /// <summary>
    /// Numbers and inserts a post with its revision 1, inside the caller's transaction: posting, and approving a held
    /// post (which gets its number when it is approved, so numbers stay in the order posts became visible).
    /// </summary>
    internal static async Task<Post> AddNumberedAsync(
        AppDbContext db, int threadId, string authorId, string markdown, string html, Guid idempotencyKey,
        int? replyToNumber, string? visibleToUserId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // The thread list's sort keys move in the same statement, under the same row lock. The members'
        // key moves only for posts every member may know of (free threads, open reflections); the mode is
        // read from the assignment at each post, so no copy of it on the thread can fall out of step.
        var numbers = await db.Database
            .SqlQuery<int>($"""
                UPDATE threads SET last_post_number = last_post_number + 1, last_post_at = {now}, activity_at = {now},
                    member_activity_at = CASE
                        WHEN assignment_id IS NULL
                            OR EXISTS (SELECT 1 FROM assignments a WHERE a.id = threads.assignment_id AND a.reflection_mode = {nameof(ReflectionMode.Open)})
                        THEN {now} ELSE member_activity_at END
                WHERE id = {threadId}
                RETURNING last_post_number AS "Value"
                """)
            .ToListAsync(cancellationToken);
        if (numbers.Count == 0) throw new InvalidOperationException($"Thread {threadId} does not exist.");

        var post = new Post
        {
            ThreadId = threadId,
            AuthorId = authorId,
            Number = numbers[0],
            BodyMarkdown = markdown,
            BodyHtml = html,
            RendererVersion = PostMarkdown.RendererVersion,
            CreatedAt = now,
            ReplyToNumber = replyToNumber,
            IdempotencyKey = idempotencyKey,
            VisibleToUserId = visibleToUserId,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(cancellationToken);
        // Revision 1 is the text as first submitted: facilitators can read it whatever happens later.
        db.PostRevisions.Add(new PostRevision { PostId = post.Id, Revision = 1, BodyMarkdown = markdown, BodyHtml = html, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return post;
    }

    /// <summary>Replaces the text, keeping the previous one as a revision; null when the new text is fine.</summary>
    public static async Task<PostProblem?> EditAsync(AppDbContext db, Post post, string markdown, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var rendered = PostMarkdown.Render(markdown);
        if (rendered.Problem is { } problem) return problem;
        if (markdown == post.BodyMarkdown) return null;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ApplyEditAsync(db, post, markdown, rendered.Html, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return null;
    }

    /// <summary>Keeps the new text as the next revision and puts it on the post, inside the caller's transaction (editing, and approving a held edit).</summary>
    internal static async Task ApplyEditAsync(AppDbContext db, Post post, string markdown, string html, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var last = await db.PostRevisions.Where(r => r.PostId == post.Id).MaxAsync(r => (int?)r.Revision, cancellationToken) ?? 0;
        db.PostRevisions.Add(new PostRevision { PostId = post.Id, Revision = last + 1, BodyMarkdown = markdown, BodyHtml = html, CreatedAt = now });
        post.BodyMarkdown = markdown;
        post.BodyHtml = html;
        post.RendererVersion = PostMarkdown.RendererVersion;
        post.EditedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The number stays, with a placeholder; the text leaves the post but stays in the revisions for facilitators.</summary>
    public static async Task DeleteAsync(AppDbContext db, Post post, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        post.DeletedAt = now;
        post.BodyMarkdown = "";
        post.BodyHtml = "";
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The post this author already made with this form's key; never one for a form sent without a key.</summary>
    public static Task<Post?> FindByKeyAsync(AppDbContext db, string authorId, Guid key, CancellationToken cancellationToken = default) =>
        key == Guid.Empty
            ? Task.FromResult<Post?>(null)
            : db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.AuthorId == authorId && p.IdempotencyKey == key, cancellationToken);
}
