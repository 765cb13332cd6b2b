using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Discussions;

/// <summary>One post as a thread page shows it, with its author's display name.</summary>
public sealed record PostRow(
    long Id, int Number, string AuthorId, string AuthorName, string BodyHtml, DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt, DateTimeOffset? DeletedAt, int? ReplyToNumber, string? VisibleToUserId)
{
    public bool IsDeleted => DeletedAt is not null;

    public DateTimeOffset? HiddenAt { get; init; }
    public DateTimeOffset? RemovedAt { get; init; }
    public Moderation.ModerationReason? RemovalReason { get; init; }
    public string? RemovalNote { get; init; }
    public bool RemovedBySiteStaff { get; init; }
}

/// <summary>
/// Which posts a page of a thread holds, for one reader. A reader who sees everything gets a number
/// range (one index range scan, no OFFSET, no count: the thread row holds the last number), read with
/// the access row (<see cref="ThreadAccess.PostsOfPage"/>). A gated
/// reader (post-first before posting, private) gets pages of the posts they can see, so neither page
/// counts nor "new" markers reveal how many others there are; those sets are one class's worth.
/// </summary>
public static class ThreadPosts
{
    public static bool UsesNumberRanges(ThreadAccess access) => access.SeesEverything && !access.GroupedByStudent;

    /// <summary>The visible numbers in reading order (by student first for facilitators of a private thread).</summary>
    public static Task<List<int>> VisibleNumbersAsync(AppDbContext db, ThreadAccess access, CancellationToken cancellationToken = default)
    {
        var visible = db.Posts.AsNoTracking().Where(p => p.ThreadId == access.Thread.Id).VisibleTo(access);
        return access.GroupedByStudent
            ? (from p in visible
               join u in db.Users on p.VisibleToUserId ?? p.AuthorId equals u.Id
               orderby u.DisplayName, u.Id, p.Number
               select p.Number).ToListAsync(cancellationToken)
            : visible.OrderBy(p => p.Number).Select(p => p.Number).ToListAsync(cancellationToken);
    }

    public static async Task<List<PostRow>> NumbersAsync(AppDbContext db, int threadId, IReadOnlyList<int> numbers, CancellationToken cancellationToken = default)
    {
        var rows = await Rows(db, db.Posts.Where(p => p.ThreadId == threadId && numbers.Contains(p.Number))).ToListAsync(cancellationToken);
        var order = numbers.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
        return rows.OrderBy(r => order[r.Number]).ToList();
    }

    /// <summary>The page holding post <paramref name="number"/> for this reader, or null when they cannot see it.</summary>
    public static async Task<int?> PageOfAsync(AppDbContext db, ThreadAccess access, ThreadPaging paging, int number, CancellationToken cancellationToken = default)
    {
        if (UsesNumberRanges(access))
            return number >= 1 && number <= access.Thread.LastPostNumber ? paging.PageOf(number) : null;
        var numbers = await VisibleNumbersAsync(db, access, cancellationToken);
        var index = numbers.IndexOf(number);
        return index < 0 ? null : paging.PageOf(index + 1);
    }

    static IQueryable<PostRow> Rows(AppDbContext db, IQueryable<Post> posts) =>
        from p in posts.AsNoTracking()
        join u in db.Users on p.AuthorId equals u.Id
        orderby p.Number
        select new PostRow(p.Id, p.Number, p.AuthorId, u.DisplayName, p.BodyHtml, p.CreatedAt, p.EditedAt, p.DeletedAt, p.ReplyToNumber, p.VisibleToUserId)
        {
            HiddenAt = p.HiddenAt,
            RemovedAt = p.RemovedAt,
            RemovalReason = p.RemovalReason,
            RemovalNote = p.RemovalNote,
            RemovedBySiteStaff = p.RemovedBySiteStaff,
        };
}
