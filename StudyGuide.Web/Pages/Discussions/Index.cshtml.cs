using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Discussions;

public enum ThreadOrder
{
    Newest,
    LatestReply,
    Oldest,
}

/// <summary>
/// Where a page of the thread list starts or ends: a row's sort key (UTC ticks) and its id, which breaks ties.
/// Written in links as <c>ticks-id</c>; PostgreSQL keeps microseconds, so the ticks of a stored time round-trip exactly.
/// </summary>
public readonly record struct ThreadCursor(DateTimeOffset Key, int Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key.UtcTicks}-{Id}");

    /// <summary>Null for anything that is not a cursor this page wrote: the reader then gets the first page.</summary>
    public static ThreadCursor? Parse(string? text)
    {
        var parts = text?.Split('-');
        if (parts is not [var ticksText, var idText]
            || !long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || id <= 0)
            return null;
        return new ThreadCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }
}

[Authorize]
public class IndexModel(AppDbContext db) : PageModel
{
    /// <param name="LastPostAt">Null when the reader may not know it: the time of the last post in a post-first or private reflection thread is news about posts they cannot see.</param>
    public sealed record ThreadRow(int Id, string Title, ThreadKind Kind, DateTimeOffset CreatedAt, DateTimeOffset? LastPostAt, string StartedBy);

    public GroupAccess Access { get; private set; } = null!;
    public IReadOnlyList<ThreadRow> Threads { get; private set; } = [];
    public ThreadOrder Order { get; private set; }
    public bool IsFirstPage { get; private set; }
    public ThreadCursor? PreviousCursor { get; private set; }
    public ThreadCursor? NextCursor { get; private set; }
    public bool MayStartThread { get; private set; }

    /// <summary>Facilitators' "latest reply first" counts every post; members' counts the posts every member may know of.</summary>
    public bool SeesAllActivity => Access.IsFacilitator;

    public static string OrderParameter(ThreadOrder order) => order switch
    {
        ThreadOrder.LatestReply => "latest-reply",
        ThreadOrder.Oldest => "oldest",
        _ => "newest",
    };

    public async Task<IActionResult> OnGetAsync(int id, string? order, string? after, string? before)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        MayStartThread = Threading.MayStartThread(access);
        Order = order switch
        {
            "latest-reply" => ThreadOrder.LatestReply,
            "oldest" => ThreadOrder.Oldest,
            _ => ThreadOrder.Newest,
        };

        // A malformed cursor is not an error worth a page of its own: it shows the first page.
        var (cursor, backwards) = ThreadCursor.Parse(after) is { } next ? (next, false)
            : ThreadCursor.Parse(before) is { } previous ? (previous, true)
            : ((ThreadCursor?)null, false);
        var rows = await PageAsync(id, cursor, backwards);
        if (backwards)
        {
            rows.Reverse();
            var hasEarlier = rows.Count > ThreadPaging.ThreadsPerPage;
            if (hasEarlier) rows.RemoveAt(0);
            // Fewer than a page before the cursor (threads moved since the link was made): that is the first page, shown full.
            else if (rows.Count < ThreadPaging.ThreadsPerPage) return Show(await PageAsync(id, null, false), isFirstPage: true);
            return Show(rows, isFirstPage: !hasEarlier, hasNext: true);
        }
        return Show(rows, isFirstPage: cursor is null);
    }

    IActionResult Show(List<KeyedRow> rows, bool isFirstPage, bool hasNext = false)
    {
        // One row more than a page says whether there is a next page: no COUNT.
        if (rows.Count > ThreadPaging.ThreadsPerPage)
        {
            hasNext = true;
            rows.RemoveRange(ThreadPaging.ThreadsPerPage, rows.Count - ThreadPaging.ThreadsPerPage);
        }
        IsFirstPage = isFirstPage;
        Threads = rows.Select(r => r.Row).ToList();
        PreviousCursor = !isFirstPage && rows.Count > 0 ? new ThreadCursor(rows[0].Key, rows[0].Row.Id) : null;
        NextCursor = hasNext && rows.Count > 0 ? new ThreadCursor(rows[^1].Key, rows[^1].Row.Id) : null;
        return Page();
    }

    sealed class KeyedThread
    {
        public required DiscussionThread Thread { get; init; }
        public required DateTimeOffset Key { get; init; }
    }

    sealed record KeyedRow(ThreadRow Row, DateTimeOffset Key);

    /// <summary>
    /// Up to a page and one row after the cursor in reading order, or (backwards) before it, nearest first.
    /// Each order's key is a stored column with an index on (group_id, key DESC, id DESC), so every page
    /// is an index range scan from the cursor: no OFFSET, the same cost on page 1 and page 500.
    /// </summary>
    async Task<List<KeyedRow>> PageAsync(int groupId, ThreadCursor? cursor, bool backwards)
    {
        var threads = db.Threads.AsNoTracking().Where(t => t.GroupId == groupId);
        var keyed = Order switch
        {
            ThreadOrder.LatestReply when SeesAllActivity => threads.Select(t => new KeyedThread { Thread = t, Key = t.ActivityAt }),
            ThreadOrder.LatestReply => threads.Select(t => new KeyedThread { Thread = t, Key = t.MemberActivityAt }),
            _ => threads.Select(t => new KeyedThread { Thread = t, Key = t.CreatedAt }),
        };
        var descending = (Order != ThreadOrder.Oldest) != backwards;
        if (cursor is { } c)
        {
            // Row comparisons, (key, id) < (cursor key, cursor id), match the index order exactly.
            keyed = descending
                ? keyed.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.Key, t.Thread.Id), ValueTuple.Create(c.Key, c.Id)))
                : keyed.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.Key, t.Thread.Id), ValueTuple.Create(c.Key, c.Id)));
        }
        keyed = descending
            ? keyed.OrderByDescending(t => t.Key).ThenByDescending(t => t.Thread.Id)
            : keyed.OrderBy(t => t.Key).ThenBy(t => t.Thread.Id);

        var seesAllActivity = SeesAllActivity;
        // Titles only (no previews, so nothing of a gated reflection leaks) and the "started by" name.
        return await keyed
            .Take(ThreadPaging.ThreadsPerPage + 1)
            .Select(t => new KeyedRow(
                new ThreadRow(t.Thread.Id, t.Thread.Title, t.Thread.Kind, t.Thread.CreatedAt,
                    // Activity a member may know of: every post in open threads; none in gated reflection threads.
                    seesAllActivity || t.Thread.AssignmentId == null
                        || db.Assignments.Any(a => a.Id == t.Thread.AssignmentId && a.ReflectionMode == ReflectionMode.Open)
                        ? t.Thread.LastPostAt
                        : null,
                    db.Users.Where(u => u.Id == t.Thread.CreatedByUserId).Select(u => u.DisplayName).First()),
                t.Key))
            .ToListAsync();
    }
}
