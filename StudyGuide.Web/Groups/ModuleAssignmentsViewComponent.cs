using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Groups;

public sealed record ModuleAssignment(int GroupId, string GroupName, string TimeZone, int AssignmentId, DateTimeOffset? DueAt);

/// <summary>
/// "Assigned to {group}, due {date}" on a module page, for the reader's own groups only; visitors
/// and readers without such an assignment see nothing.
/// </summary>
public sealed class ModuleAssignmentsViewComponent(AppDbContext db) : ViewComponent
{
    // Compiled once: every signed-in module page asks (per-request query building measured in bench/RESULTS.md).
    static readonly Func<AppDbContext, string, string, IAsyncEnumerable<ModuleAssignment>> ReadersAssignments = EF.CompileAsyncQuery(
        (AppDbContext db, string userId, string slug) =>
            from m in db.Memberships.AsNoTracking()
            where m.UserId == userId
            join a in db.Assignments on m.GroupId equals a.GroupId
            where a.ModuleSlug == slug
            join g in db.Groups on a.GroupId equals g.Id
            orderby a.DueAt == null, a.DueAt, a.Id
            select new ModuleAssignment(g.Id, g.Name, g.TimeZone, a.Id, a.DueAt));

    public async Task<IViewComponentResult> InvokeAsync(string slug)
    {
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return Content("");
        var assignments = new List<ModuleAssignment>();
        await foreach (var assignment in ReadersAssignments(db, userId, slug)) assignments.Add(assignment);
        return assignments.Count == 0 ? Content("") : View("/Pages/Groups/_ModuleAssignments.cshtml", assignments);
    }
}
