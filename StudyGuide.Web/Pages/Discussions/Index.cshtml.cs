using System.Globalization;
using System.Linq.Expressions;
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

    sealed record KeyedRow(ThreadRow Row, DateTimeOffset Key);

    /// <summary>
    /// Up to a page and one row after the cursor in reading order, or (backwards) before it, nearest first.
    /// Each order's key is a stored column with an index on (group_id, key DESC, id DESC), so every page
    /// is an index range scan from the cursor: no OFFSET, the same cost on page 1 and page 500. The first
    /// page starts from a cursor beyond every row (±infinity), so one compiled query per key and direction
    /// serves every page (built per request, the query cost the list more than its rendering: bench/RESULTS.md).
    /// </summary>
    async Task<List<KeyedRow>> PageAsync(int groupId, ThreadCursor? cursor, bool backwards)
    {
        var descending = (Order != ThreadOrder.Oldest) != backwards;
        var queries = Order != ThreadOrder.LatestReply ? ByCreation : SeesAllActivity ? ByActivity : ByMemberActivity;
        var query = descending ? queries.Descending : queries.Ascending;
        var from = cursor ?? (descending ? new ThreadCursor(DateTimeOffset.MaxValue, int.MaxValue) : new ThreadCursor(DateTimeOffset.MinValue, 0));
        var rows = new List<KeyedRow>(ThreadPaging.ThreadsPerPage + 1);
        await foreach (var row in query(db, groupId, from.Key, from.Id, SeesAllActivity)) rows.Add(row);
        return rows;
    }

    static readonly ListQueries ByCreation = new(t => new SortedThread { Thread = t, Key = t.CreatedAt });
    static readonly ListQueries ByActivity = new(t => new SortedThread { Thread = t, Key = t.ActivityAt });
    static readonly ListQueries ByMemberActivity = new(t => new SortedThread { Thread = t, Key = t.MemberActivityAt });

    /// <summary>A thread beside its order's key, so that the cursor, the sort and the page read alike for every key.</summary>
    sealed class SortedThread
    {
        public required DiscussionThread Thread { get; init; }
        public required DateTimeOffset Key { get; init; }
    }

    /// <summary>One order's two compiled queries: after the cursor, oldest first, and before it, newest first.</summary>
    sealed class ListQueries(Expression<Func<DiscussionThread, SortedThread>> sortedBy)
    {
        public Func<AppDbContext, int, DateTimeOffset, int, bool, IAsyncEnumerable<KeyedRow>> Ascending { get; } = Compile(sortedBy, descending: false);
        public Func<AppDbContext, int, DateTimeOffset, int, bool, IAsyncEnumerable<KeyedRow>> Descending { get; } = Compile(sortedBy, descending: true);

        // Titles only (no previews, so nothing of a gated reflection leaks) and the "started by" name. Activity a
        // member may know of: every post in open threads; none in gated reflection threads. Row comparisons,
        // (key, id) > (cursor key, cursor id), match the index order. `descending` is fixed when the query is
        // compiled (EF reads it as a constant, not a parameter), so each query's SQL has one comparison and one order.
        // The name comes from a join, not a subquery per row: PostgreSQL's default costs read a small users
        // table from the start for each thread of the page (bench/RESULTS.md).
        static Func<AppDbContext, int, DateTimeOffset, int, bool, IAsyncEnumerable<KeyedRow>> Compile(
            Expression<Func<DiscussionThread, SortedThread>> sortedBy, bool descending) => EF.CompileAsyncQuery(
            (AppDbContext db, int groupId, DateTimeOffset cursorKey, int cursorId, bool seesAllActivity) =>
                (descending
                    ? db.Threads.Where(t => t.GroupId == groupId).Select(sortedBy)
                        .Where(s => EF.Functions.LessThan(ValueTuple.Create(s.Key, s.Thread.Id), ValueTuple.Create(cursorKey, cursorId)))
                        .OrderByDescending(s => s.Key).ThenByDescending(s => s.Thread.Id)
                    : db.Threads.Where(t => t.GroupId == groupId).Select(sortedBy)
                        .Where(s => EF.Functions.GreaterThan(ValueTuple.Create(s.Key, s.Thread.Id), ValueTuple.Create(cursorKey, cursorId)))
                        .OrderBy(s => s.Key).ThenBy(s => s.Thread.Id))
                .Join(db.Users, s => s.Thread.CreatedByUserId, u => u.Id, (s, u) => new { s.Thread, s.Key, StartedBy = u.DisplayName })
                .Take(ThreadPaging.ThreadsPerPage + 1)
                .Select(row => new KeyedRow(
                    new ThreadRow(row.Thread.Id, row.Thread.Title, row.Thread.Kind, row.Thread.CreatedAt,
                        seesAllActivity || row.Thread.AssignmentId == null || db.Assignments.Any(a => a.Id == row.Thread.AssignmentId && a.ReflectionMode == ReflectionMode.Open) ? row.Thread.LastPostAt : null,
                        row.StartedBy),
                    row.Key)));
    }
}
