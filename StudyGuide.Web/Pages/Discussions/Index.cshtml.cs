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

[Authorize]
public class IndexModel(AppDbContext db) : PageModel
{
    public sealed record ThreadRow(int Id, string Title, ThreadKind Kind, DateTimeOffset CreatedAt, DateTimeOffset? LastPostAt, string StartedBy);

    public GroupAccess Access { get; private set; } = null!;
    public IReadOnlyList<ThreadRow> Threads { get; private set; } = [];
    public ThreadOrder Order { get; private set; }
    public int PageNumber { get; private set; }
    public bool HasNextPage { get; private set; }
    public bool MayStartThread { get; private set; }

    public static string OrderParameter(ThreadOrder order) => order switch
    {
        ThreadOrder.LatestReply => "latest-reply",
        ThreadOrder.Oldest => "oldest",
        _ => "newest",
    };

    public async Task<IActionResult> OnGetAsync(int id, string? order, [FromQuery(Name = "page")] int? pageNumber)
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
        PageNumber = Math.Max(1, pageNumber ?? 1);

        var threads = db.Threads.AsNoTracking().Where(t => t.GroupId == id);
        threads = Order switch
        {
            // A thread nobody has answered yet counts from when it was started.
            ThreadOrder.LatestReply => threads.OrderByDescending(t => t.LastPostAt ?? t.CreatedAt).ThenByDescending(t => t.Id),
            ThreadOrder.Oldest => threads.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
            _ => threads.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
        };
        // Thirty a page from a class's or club's threads: the list shows titles only (no previews, so
        // nothing of a gated reflection leaks), and one more row says whether there is a next page.
        var rows = await threads
            .Select(t => new ThreadRow(t.Id, t.Title, t.Kind, t.CreatedAt, t.LastPostAt,
                db.Users.Where(u => u.Id == t.CreatedByUserId).Select(u => u.DisplayName).First()))
            .Skip((PageNumber - 1) * ThreadPaging.ThreadsPerPage)
            .Take(ThreadPaging.ThreadsPerPage + 1)
            .ToListAsync();
        HasNextPage = rows.Count > ThreadPaging.ThreadsPerPage;
        Threads = rows.Take(ThreadPaging.ThreadsPerPage).ToList();
        return Page();
    }
}
