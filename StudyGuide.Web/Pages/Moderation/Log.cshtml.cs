using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Moderation;

/// <summary>What both log pages hand to <c>_LogTable</c>: the rows, whether to name each row's group, and the zone (null: UTC).</summary>
public sealed record LogTableView(ModerationLogPage Page, bool ShowGroup, TimeZoneInfo? Zone);

/// <summary>/moderation/log: every group's moderation log and the site's own actions, for site staff, newest first.</summary>
[Authorize(Policy = AuthorizationPolicies.SiteModeration)]
public class LogModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "group")]
    public int? GroupFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "actor")]
    [NoControlCharacters]
    [StringLength(100)]
    public string? ActorFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public ModerationAction? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public long? Before { get; set; }

    public ModerationLogPage Log { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid || (ActionFilter is { } action && !Enum.IsDefined(action)))
        {
            ModelState.AddModelError(string.Empty, l["These filters cannot be read: the group is a number, the actor a name or id of up to 100 characters, the action one from the list."]);
            return Page();
        }
        Log = await ModerationLogReader.LoadAsync(db, new ModerationLogFilter(GroupFilter, ActorFilter, ActionFilter), Before, cancellationToken: HttpContext.RequestAborted);
        return Page();
    }
}
