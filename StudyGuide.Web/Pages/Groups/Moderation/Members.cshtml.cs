using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Groups.Moderation;

/// <summary>
/// The group's members with their mute status: a facilitator (or site staff) mutes a member until a time, with a reason
/// the member is shown, or ends a mute early. A mute ends by itself at its time.
/// </summary>
public class MembersModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record MemberRow(string UserId, string DisplayName, string UserName, MembershipRole Role, DateTimeOffset? MutedUntil, string? MuteReason);

    public GroupAccess Access { get; private set; } = null!;
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    [BindProperty]
    public MuteInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class MuteInput
    {
        [Required]
        [StringLength(64)]
        public string UserId { get; set; } = "";

        [Required(ErrorMessage = "Enter the date and time the mute ends.")]
        [Display(Name = "Muted until")]
        public DateTime? Until { get; set; }

        [Required(ErrorMessage = "Give a reason: the member sees it.")]
        [StringLength(ModerationReasons.NoteMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Reason (the member sees it)")]
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await EnterAsync(id) is { } refused) return refused;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostMuteAsync(int id)
    {
        if (await EnterAsync(id) is { } refused) return refused;
        var member = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == Input.UserId);
        if (member is null) return NotFound();
        var now = time.GetUtcNow();
        var zone = Access.Group.TimeZoneInfo;
        DateTimeOffset? until = null;
        if (member.Role == MembershipRole.Facilitator)
            ModelState.AddModelError(string.Empty, l["Facilitators cannot be muted. To stop a facilitator posting, make them a member first or ask a site moderator."]);
        else if (Input.Until is { } wallClock)
        {
            until = GroupTime.ToUtc(wallClock, zone);
            if (until is null)
                ModelState.AddModelError("Input.Until", l["This time does not exist in {0}: the clocks go forward then. Choose another time.", Access.Group.TimeZone]);
            else if (until <= now)
                ModelState.AddModelError("Input.Until", l["The end of the mute must be in the future."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        await ModerationActions.MuteAsync(db, Access, ModerationActions.Actor(User), Input.UserId, until!.Value, Input.Reason!, now);
        StatusMessage = l["{0} is muted in this group until {1}.", await ModerationActions.NameOfAsync(db, Input.UserId), GroupTime.Format(until.Value, zone)];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnmuteAsync(int id, string userId)
    {
        if (await EnterAsync(id) is { } refused) return refused;
        if (!await db.GroupMutes.AnyAsync(m => m.GroupId == id && m.UserId == userId)) return NotFound();
        await ModerationActions.UnmuteAsync(db, Access, ModerationActions.Actor(User), userId, time.GetUtcNow());
        StatusMessage = l["{0} may post again.", await ModerationActions.NameOfAsync(db, userId)];
        return RedirectToPage();
    }

    /// <summary>Null when the reader may moderate the group; otherwise 404 outside it, 403 for a member.</summary>
    async Task<IActionResult?> EnterAsync(int id)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        if (!access.MayModerate) return Forbid();
        Access = access;
        return null;
    }

    async Task LoadAsync()
    {
        var id = Access.Group.Id;
        var now = time.GetUtcNow();
        var mutes = await db.GroupMutes.AsNoTracking()
            .Where(m => m.GroupId == id && m.Until > now)
            .ToDictionaryAsync(m => m.UserId);
        var members = await db.Memberships.AsNoTracking()
            .Where(m => m.GroupId == id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.UserName, m.Role })
            .OrderByDescending(x => x.Role == MembershipRole.Facilitator).ThenBy(x => x.DisplayName).ThenBy(x => x.UserName)
            .ToListAsync();
        Members = members
            .Select(m => new MemberRow(m.Id, m.DisplayName, m.UserName ?? "", m.Role,
                mutes.GetValueOrDefault(m.Id)?.Until, mutes.GetValueOrDefault(m.Id)?.Reason))
            .ToList();
    }
}
