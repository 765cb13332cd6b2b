using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Web.Pages.Groups;

public class SettingsModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public GroupAccess Access { get; private set; } = null!;

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        var group = access.Group;
        Input = new GroupInput
        {
            Name = group.Name,
            Description = group.Description,
            Kind = group.Kind,
            TimeZone = group.TimeZone,
            MemberListVisibility = group.MemberListVisibility,
            OnlyFacilitatorsStartThreads = group.OnlyFacilitatorsStartThreads,
            PreModeration = group.PreModeration,
            ReportThreshold = group.ReportThreshold,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        var group = access.Group;
        if (Input.Kind == GroupKind.Class && group.Kind != GroupKind.Class && !GroupAccess.MayLeadClasses(User))
            ModelState.AddModelError("Input.Kind", l["Only teachers can turn a group into a class."]);
        if (!GroupTime.IsKnownZone(Input.TimeZone))
            ModelState.AddModelError("Input.TimeZone", l["Choose a time zone from the list."]);
        if (!ModelState.IsValid) return Page();

        group.Name = Input.Name.Trim();
        group.Description = Input.Description?.Trim() ?? "";
        group.Kind = Input.Kind;
        // Due dates stay the same instants; they are shown in the new zone from now on.
        group.TimeZone = Input.TimeZone;
        group.MemberListVisibility = Input.MemberListVisibility;
        group.OnlyFacilitatorsStartThreads = Input.OnlyFacilitatorsStartThreads;
        // The moderation settings are moderation actions: logged with the change, by the same SaveChanges.
        if (group.PreModeration != Input.PreModeration || group.ReportThreshold != Input.ReportThreshold)
        {
            group.PreModeration = Input.PreModeration;
            group.ReportThreshold = Input.ReportThreshold;
            ModerationLog.Add(db, ModerationActions.Actor(User), ModerationAction.ChangeGroupSettings, time.GetUtcNow(), group.Id,
                detail: ModerationSettingsDetail(group));
        }
        await db.SaveChangesAsync();
        Saved = l["Settings saved."];
        return RedirectToPage("/Groups/Settings", new { id });
    }

    /// <summary>The log's detail, in English like the rest of the log's stored text: "pre-moderation on; report threshold 3".</summary>
    public static string ModerationSettingsDetail(Group group) =>
        $"pre-moderation {(group.PreModeration ? "on" : "off")}; report threshold {group.ReportThreshold}";
}
