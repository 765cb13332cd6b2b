using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Moderation;

public enum ReviewItemKind
{
    /// <summary>A post with open reports, or hidden by them.</summary>
    Post,
    /// <summary>A new post or an edit waiting for approval (not refused yet).</summary>
    HeldPost,
}

/// <summary>An open report as the queue shows it; the reporter's name only for site staff.</summary>
public sealed record ReviewReport(ModerationReason Reason, string? Note, DateTimeOffset At, string? ReporterName);

/// <summary>One thing waiting for a moderator: a reported or hidden post, or a held post.</summary>
public sealed record ReviewItem(
    ReviewItemKind Kind,
    long Id,
    int GroupId,
    string GroupName,
    TimeZoneInfo Zone,
    int ThreadId,
    string ThreadTitle,
    // The post's number; for a held edit, the number of the post it would change; null for a held new post.
    int? PostNumber,
    string AuthorId,
    string AuthorName,
    // The text under review (a held edit's new text), sanitised when it was written; for a held edit, the current text too.
    string BodyHtml,
    string? CurrentBodyHtml,
    bool IsHidden,
    bool IsRemoved,
    bool IsDeleted,
    HoldReason? HoldReason,
    string? MatchedWord,
    DateTimeOffset WaitingSince,
    bool SelfHarm,
    IReadOnlyList<ReviewReport> Reports,
    IReadOnlyList<ModerationLogEntry> AuthorHistory)
{
    public bool IsHeldEdit => Kind == ReviewItemKind.HeldPost && PostNumber is not null;

    /// <summary>Unique on a page that lists both kinds: form field ids are made from it.</summary>
    public string Key => KeyOf(Kind, Id);

    public static string KeyOf(ReviewItemKind kind, long id) =>
        (kind == ReviewItemKind.Post ? "post-" : "held-") + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The first <see cref="ReviewQueue.Cap"/> items in queue order, and how many are waiting in all.</summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewItem> Items, int Waiting)
{
    public static ReviewQueuePage Empty { get; } = new([], 0);
}

/// <summary>
/// What waits for a group's moderators (or, for site staff, every group's): posts with open reports or hidden by
/// them, and held posts not refused. Self-harm concerns come first, then the oldest: the order a school would want
/// someone to read them in, and the one the page states.
/// </summary>
public static class ReviewQueue
{
    /// <summary>A page shows this many; the rest come up as these are dealt with (the page says how many wait).</summary>
    public const int Cap = 50;

    /// <summary>How many past actions about the author (in the item's group) each item shows.</summary>
    public const int HistoryLength = 5;

    /// <param name="groupId">One group's queue, or null for every group's (site staff).</param>
    /// <param name="showReporters">Reporters' names are for site staff only: a facilitator is often a classmate's teacher.</param>
    public static async Task<ReviewQueuePage> LoadAsync(AppDbContext db, int? groupId, bool showReporters, CancellationToken cancellationToken = default)
    {
        var threads = groupId is { } id ? db.Threads.Where(t => t.GroupId == id) : db.Threads;

        var waitingPosts =
            from p in db.Posts
            join t in threads on p.ThreadId equals t.Id
            where p.HiddenAt != null || db.PostReports.Any(r => r.PostId == p.Id && r.ResolvedAt == null)
            select new
            {
                Post = p,
                Thread = t,
                SelfHarm = db.PostReports.Any(r => r.PostId == p.Id && r.ResolvedAt == null && r.Reason == ModerationReason.SelfHarm),
                Since = db.PostReports.Where(r => r.PostId == p.Id && r.ResolvedAt == null).Min(r => (DateTimeOffset?)r.CreatedAt) ?? p.HiddenAt,
            };
        var waitingHeld =
            from h in db.HeldPosts
            join t in threads on h.ThreadId equals t.Id
            where h.RefusedAt == null
            select new { Held = h, Thread = t };

        var posts = await (
            from w in waitingPosts
            join g in db.Groups on w.Thread.GroupId equals g.Id
            join u in db.Users on w.Post.AuthorId equals u.Id
            orderby w.SelfHarm descending, w.Since, w.Post.Id
            select new
            {
                w.Post.Id, GroupId = g.Id, GroupName = g.Name, g.TimeZone, ThreadId = w.Thread.Id, w.Thread.Title, w.Post.Number,
                w.Post.AuthorId, AuthorName = u.DisplayName, w.Post.BodyHtml, w.Post.HiddenAt, w.Post.RemovedAt, w.Post.DeletedAt,
                w.SelfHarm, w.Since,
            }).AsNoTracking().Take(Cap).ToListAsync(cancellationToken);

        var held = await (
            from w in waitingHeld
            join g in db.Groups on w.Thread.GroupId equals g.Id
            join u in db.Users on w.Held.AuthorId equals u.Id
            join edited in db.Posts on w.Held.EditOfPostId equals (long?)edited.Id into editedPosts
            from edited in editedPosts.DefaultIfEmpty()
            orderby w.Held.CreatedAt, w.Held.Id
            select new
            {
                w.Held.Id, GroupId = g.Id, GroupName = g.Name, g.TimeZone, ThreadId = w.Thread.Id, w.Thread.Title,
                Number = edited == null ? (int?)null : edited.Number, CurrentHtml = edited == null ? null : edited.BodyHtml,
                w.Held.AuthorId, AuthorName = u.DisplayName, w.Held.BodyHtml, w.Held.CreatedAt, w.Held.Reason, w.Held.MatchedWord,
            }).AsNoTracking().Take(Cap).ToListAsync(cancellationToken);

        var waiting = await waitingPosts.CountAsync(cancellationToken) + await waitingHeld.CountAsync(cancellationToken);

        var postIds = posts.Select(p => p.Id).ToList();
        var reports = (await (
                from r in db.PostReports
                where postIds.Contains(r.PostId) && r.ResolvedAt == null
                join u in db.Users on r.ReporterId equals u.Id
                orderby r.CreatedAt, r.Id
                // The name is not even read for a facilitator's queue.
                select new { r.PostId, Report = new ReviewReport(r.Reason, r.Note, r.CreatedAt, showReporters ? u.DisplayName : null) })
            .ToListAsync(cancellationToken))
            .ToLookup(r => r.PostId, r => r.Report);

        // Both lists are in queue order and each holds its own first Cap, so the first Cap of the two merged are the queue's.
        var items = posts
            .Select(p => (Key: (p.SelfHarm, p.Since ?? DateTimeOffset.MinValue), Item: new ReviewItem(
                ReviewItemKind.Post, p.Id, p.GroupId, p.GroupName, GroupTime.FindZone(p.TimeZone), p.ThreadId, p.Title, p.Number,
                p.AuthorId, p.AuthorName, p.BodyHtml, null, p.HiddenAt is not null, p.RemovedAt is not null, p.DeletedAt is not null,
                null, null, p.Since ?? DateTimeOffset.MinValue, p.SelfHarm, reports[p.Id].ToList(), [])))
            .Concat(held.Select(h => (Key: (false, h.CreatedAt), Item: new ReviewItem(
                ReviewItemKind.HeldPost, h.Id, h.GroupId, h.GroupName, GroupTime.FindZone(h.TimeZone), h.ThreadId, h.Title, h.Number,
                h.AuthorId, h.AuthorName, h.BodyHtml, h.CurrentHtml, false, false, false,
                h.Reason, h.MatchedWord, h.CreatedAt, false, [], []))))
            .OrderByDescending(x => x.Key.Item1).ThenBy(x => x.Key.Item2)
            .Take(Cap)
            .Select(x => x.Item)
            .ToList();

        // One small query per author and group on the page (at most Cap), each served by the log's (group, target, id) index.
        var histories = new Dictionary<(int, string), IReadOnlyList<ModerationLogEntry>>();
        foreach (var (group, author) in items.Select(i => (i.GroupId, i.AuthorId)).Distinct())
        {
            histories[(group, author)] = await db.ModerationLog.AsNoTracking()
                .Where(e => e.GroupId == group && e.TargetUserId == author)
                .OrderByDescending(e => e.Id)
                .Take(HistoryLength)
                .ToListAsync(cancellationToken);
        }
        return new ReviewQueuePage(items.Select(i => i with { AuthorHistory = histories[(i.GroupId, i.AuthorId)] }).ToList(), waiting);
    }

    /// <summary>Is the post still waiting for review? (A second moderator's stale form must not act, or log, twice.)</summary>
    public static Task<bool> IsWaitingAsync(AppDbContext db, long postId, CancellationToken cancellationToken = default) =>
        db.Posts.AnyAsync(p => p.Id == postId && (p.HiddenAt != null || db.PostReports.Any(r => r.PostId == p.Id && r.ResolvedAt == null)), cancellationToken);

    /// <summary>The group a post is in, or null when there is no such post.</summary>
    public static Task<int?> GroupOfPostAsync(AppDbContext db, long postId, CancellationToken cancellationToken = default) =>
        db.Posts.Where(p => p.Id == postId)
            .Join(db.Threads, p => p.ThreadId, t => t.Id, (p, t) => (int?)t.GroupId)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The group a held post is in, or null when there is no such held post.</summary>
    public static Task<int?> GroupOfHeldPostAsync(AppDbContext db, long heldPostId, CancellationToken cancellationToken = default) =>
        db.HeldPosts.Where(h => h.Id == heldPostId)
            .Join(db.Threads, h => h.ThreadId, t => t.Id, (h, t) => (int?)t.GroupId)
            .FirstOrDefaultAsync(cancellationToken);
}
