using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Me;

/// <summary>Every assignment of every group the reader is a member of, soonest due first.</summary>
public class WorkModel(AppDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<AssignmentWork> Assignments { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        Assignments = await Work.ForMemberAsync(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!);
    }
}
