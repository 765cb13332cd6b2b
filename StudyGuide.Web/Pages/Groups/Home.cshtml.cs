using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups;

public class HomeModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int RecentThreadCount = 10;

    public sealed record AssignmentRow(int Id, string ModuleTitle, DateTimeOffset? DueAt);
    public sealed record ThreadRow(int Id, string Title, DateTimeOffset CreatedAt, int? AssignmentId);
    public sealed record MemberRow(string DisplayName, MembershipRole Role);

    public GroupAccess Access { get; private set; } = null!;
    public IReadOnlyList<AssignmentRow> Upcoming { get; private set; } = [];
    public IReadOnlyList<AssignmentRow> Past { get; private set; } = [];
    public IReadOnlyList<ThreadRow> RecentThreads { get; private set; } = [];
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;

        var now = time.GetUtcNow();
        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => a.GroupId == id)
            .InDueOrder()
            .Select(a => new AssignmentRow(a.Id, a.ModuleTitle, a.DueAt))
            .ToListAsync();
        Upcoming = assignments.Where(a => a.DueAt is null || a.DueAt >= now).ToList();
        Past = assignments.Where(a => a.DueAt < now).Reverse().ToList();

        RecentThreads = await db.Threads.AsNoTracking()
            .Where(t => t.GroupId == id)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Take(RecentThreadCount)
            .Select(t => new ThreadRow(t.Id, t.Title, t.CreatedAt, t.AssignmentId))
            .ToListAsync();

        if (access.CanSeeMemberList)
        {
            Members = await db.Memberships.AsNoTracking()
                .Where(m => m.GroupId == id)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
                .OrderByDescending(x => x.m.Role == MembershipRole.Facilitator).ThenBy(x => x.u.DisplayName)
                .Select(x => new MemberRow(x.u.DisplayName, x.m.Role))
                .ToListAsync();
        }
        return Page();
    }
}
