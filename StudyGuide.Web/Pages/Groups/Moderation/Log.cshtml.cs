using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Web.Pages.Groups.Moderation;

/// <summary>/groups/{id}/moderation/log: the group's moderation log, newest first, for its facilitators and site staff.</summary>
public class LogModel(AppDbContext db) : PageModel
{
    public GroupAccess Access { get; private set; } = null!;
    public ModerationLogPage Log { get; private set; } = new([], null);
    public long? Before { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, long? before)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        if (!access.MayModerate) return Forbid();
        Access = access;
        Before = before;
        Log = await ModerationLogReader.LoadAsync(db, new ModerationLogFilter(GroupId: id), before, cancellationToken: HttpContext.RequestAborted);
        return Page();
    }
}
