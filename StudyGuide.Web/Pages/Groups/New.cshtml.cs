using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups;

public class NewModel(AppDbContext db, TimeProvider time, IOptions<StudyGuideOptions> settings, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public bool CanCreateClass { get; private set; }
    public bool CanCreateClub { get; private set; }

    public async Task<IActionResult> OnGetAsync(GroupKind? kind)
    {
        await LoadPermissionsAsync();
        if (!CanCreateClub) return NotFound();
        Input.Kind = kind == GroupKind.Class && CanCreateClass || kind is null && CanCreateClass ? GroupKind.Class : GroupKind.Club;
        Input.TimeZone = settings.Value.DefaultTimeZone; // checked at start: a zone this machine knows
        // Suggested for a class, whose members are mostly minors; the form shows it ticked and the teacher decides.
        Input.PreModeration = Input.Kind == GroupKind.Class;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadPermissionsAsync();
        if (!CanCreateClub) return NotFound();
        if (Input.Kind == GroupKind.Class && !CanCreateClass)
            ModelState.AddModelError("Input.Kind", l["Only teachers can create classes. You can create a club."]);
        if (!GroupTime.IsKnownZone(Input.TimeZone))
            ModelState.AddModelError("Input.TimeZone", l["Choose a time zone from the list."]);
        if (!ModelState.IsValid) return Page();

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = time.GetUtcNow();
        var group = new Group
        {
            Name = Input.Name.Trim(),
            Description = Input.Description?.Trim() ?? "",
            Kind = Input.Kind,
            TimeZone = Input.TimeZone,
            MemberListVisibility = Input.MemberListVisibility,
            OnlyFacilitatorsStartThreads = Input.OnlyFacilitatorsStartThreads,
            PreModeration = Input.PreModeration,
            ReportThreshold = Input.ReportThreshold,
            JoinCode = await JoinCodes.NewUnusedAsync(db),
            CreatedAt = now,
            CreatedByUserId = userId,
        };
        group.Memberships.Add(new Membership { UserId = userId, Role = MembershipRole.Facilitator, JoinedAt = now });
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        return RedirectToPage("/Groups/Home", new { id = group.Id });
    }

    async Task LoadPermissionsAsync()
    {
        var anyoneMayCreateClubs = await db.SiteSettings.Select(s => s.AllowAnyoneToCreateClubs).SingleAsync();
        CanCreateClass = GroupAccess.CanCreate(GroupKind.Class, User, anyoneMayCreateClubs);
        CanCreateClub = GroupAccess.CanCreate(GroupKind.Club, User, anyoneMayCreateClubs);
    }
}
