using System.Diagnostics;
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
    /// serves every page (built per request, the query cost the list more than its rendering: bench/).
    /// </summary>
    async Task<List<KeyedRow>> PageAsync(int groupId, ThreadCursor? cursor, bool backwards)
    {
        var key = Order switch
        {
            ThreadOrder.LatestReply when SeesAllActivity => ListKey.Activity,
            ThreadOrder.LatestReply => ListKey.MemberActivity,
            _ => ListKey.Created,
        };
        var descending = (Order != ThreadOrder.Oldest) != backwards;
        var from = cursor ?? (descending ? new ThreadCursor(DateTimeOffset.MaxValue, int.MaxValue) : new ThreadCursor(DateTimeOffset.MinValue, 0));
        var rows = new List<KeyedRow>(ThreadPaging.ThreadsPerPage + 1);
        await foreach (var row in ListQueries[(int)key * 2 + (descending ? 1 : 0)](db, groupId, from.Key, from.Id, SeesAllActivity)) rows.Add(row);
        return rows;
    }

    enum ListKey { Created, Activity, MemberActivity }

    static Func<AppDbContext, int, DateTimeOffset, int, bool, IAsyncEnumerable<KeyedRow>> Compile(ListKey key, bool descending)
    {
        Expression<Func<DiscussionThread, DateTimeOffset>> sortKey = key switch
        {
            ListKey.Activity => t => t.ActivityAt,
            ListKey.MemberActivity => t => t.MemberActivityAt,
            _ => t => t.CreatedAt,
        };
        return EF.CompileAsyncQuery((Expression<Func<AppDbContext, int, DateTimeOffset, int, bool, IQueryable<KeyedRow>>>)new QueryShape(sortKey, descending).Visit(OldestFirst));
    }

    // Placeholder for the order's key column in the query below; replaced before it is compiled.
    static DateTimeOffset SortKey(DiscussionThread thread) => throw new UnreachableException();

    // The list in ascending order after the cursor. Titles only (no previews, so nothing of a gated reflection
    // leaks) and the "started by" name. Activity a member may know of: every post in open threads; none in
    // gated reflection threads. Row comparisons, (key, id) > (cursor key, cursor id), match the index order.
    // The name comes from a join, not a subquery per row: PostgreSQL's default costs read a small users
    // table from the start for each thread of the page, which was most of the list's query (bench/RESULTS.md).
    static readonly Expression<Func<AppDbContext, int, DateTimeOffset, int, bool, IQueryable<KeyedRow>>> OldestFirst =
        (db, groupId, cursorKey, cursorId, seesAllActivity) => db.Threads.AsNoTracking()
            .Where(t => t.GroupId == groupId && EF.Functions.GreaterThan(ValueTuple.Create(SortKey(t), t.Id), ValueTuple.Create(cursorKey, cursorId)))
            .Join(db.Users, t => t.CreatedByUserId, u => u.Id, (t, u) => new { Thread = t, StartedBy = u.DisplayName })
            .OrderBy(row => SortKey(row.Thread)).ThenBy(row => row.Thread.Id)
            .Take(ThreadPaging.ThreadsPerPage + 1)
            .Select(row => new KeyedRow(
                new ThreadRow(row.Thread.Id, row.Thread.Title, row.Thread.Kind, row.Thread.CreatedAt,
                    seesAllActivity || row.Thread.AssignmentId == null || db.Assignments.Any(a => a.Id == row.Thread.AssignmentId && a.ReflectionMode == ReflectionMode.Open) ? row.Thread.LastPostAt : null,
                    row.StartedBy),
                SortKey(row.Thread)));

    // Below OldestFirst: static fields are set in the order they are written.
    static readonly Func<AppDbContext, int, DateTimeOffset, int, bool, IAsyncEnumerable<KeyedRow>>[] ListQueries =
        [.. Enum.GetValues<ListKey>().SelectMany(key => new[] { Compile(key, descending: false), Compile(key, descending: true) })];

    /// <summary>
    /// Turns <see cref="OldestFirst"/> into one order's query: its key column where it calls <see cref="SortKey"/>,
    /// and for descending pages "before the cursor, newest first" (LessThan, OrderByDescending, ThenByDescending).
    /// </summary>
    sealed class QueryShape(Expression<Func<DiscussionThread, DateTimeOffset>> sortKey, bool descending) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name == nameof(SortKey) && node.Method.DeclaringType == typeof(IndexModel))
                return new ParameterSwap(sortKey.Parameters[0], Visit(node.Arguments[0])).Visit(sortKey.Body);
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            if (!descending) return visited;
            var method = visited.Method;
            var replacement = method.Name switch
            {
                nameof(Queryable.OrderBy) when method.DeclaringType == typeof(Queryable) => nameof(Queryable.OrderByDescending),
                nameof(Queryable.ThenBy) when method.DeclaringType == typeof(Queryable) => nameof(Queryable.ThenByDescending),
                "GreaterThan" when method.GetParameters() is [{ ParameterType: var functions }, ..] && functions == typeof(DbFunctions) => "LessThan",
                _ => null,
            };
            if (replacement is null) return visited;
            var definition = method.DeclaringType!.GetMethods().Single(m =>
                m.Name == replacement && m.GetParameters().Length == method.GetParameters().Length && m.IsGenericMethodDefinition == method.IsGenericMethod);
            var swapped = method.IsGenericMethod ? definition.MakeGenericMethod(method.GetGenericArguments()) : definition;
            return Expression.Call(visited.Object, swapped, visited.Arguments);
        }
    }

    sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
