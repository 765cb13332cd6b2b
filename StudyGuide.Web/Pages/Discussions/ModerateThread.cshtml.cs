using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>Lock a discussion with a reason, unlock it, and turn slow mode on or off. 404 outside the group, 403 for members.</summary>
[Authorize]
public class ModerateThreadModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxSlowModeMinutes = 24 * 60;

    [BindProperty]
    [StringLength(ModerationReasons.NoteMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [NoControlCharacters]
    [Display(Name = "Reason, shown in place of the reply form")]
    public string? LockReason { get; set; }

    [BindProperty]
    [Range(0, MaxSlowModeMinutes, ErrorMessage = "Choose between {1} and {2} minutes (0 turns slow mode off).")]
    [Display(Name = "Minutes between two posts of one member (0: off)")]
    public int? SlowModeMinutes { get; set; }

    public ThreadAccess Access { get; private set; } = null!;
    public DiscussionThread Thread { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        SlowModeMinutes = Thread.SlowModeMinutes ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        ModelState.Remove(nameof(SlowModeMinutes));
        if (string.IsNullOrWhiteSpace(LockReason)) ModelState.AddModelError(nameof(LockReason), l["Say why the discussion is locked: members see it instead of the form."]);
        if (Thread.LockedAt is not null) ModelState.AddModelError(string.Empty, l["The discussion is already locked."]);
        if (!ModelState.IsValid) return Page();
        await ModerationActions.LockAsync(db, Access.Group, ModerationActions.Actor(User), Thread, LockReason!, time.GetUtcNow());
        StatusMessage = l["The discussion is locked."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        if (Thread.LockedAt is not null)
        {
            await ModerationActions.UnlockAsync(db, Access.Group, ModerationActions.Actor(User), Thread, time.GetUtcNow());
        }
        StatusMessage = l["The discussion is open for posts again."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostSlowModeAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        ModelState.Remove(nameof(LockReason));
        if (SlowModeMinutes is null) ModelState.AddModelError(nameof(SlowModeMinutes), l["Give a number of minutes (0 turns slow mode off)."]);
        if (!ModelState.IsValid) return Page();
        int? minutes = SlowModeMinutes is > 0 ? SlowModeMinutes : null;
        if (minutes != Thread.SlowModeMinutes)
        {
            await ModerationActions.SetSlowModeAsync(db, Access.Group, ModerationActions.Actor(User), Thread, minutes, time.GetUtcNow());
        }
        StatusMessage = minutes is { } m ? l["Slow mode is on: one post every {0} minutes per member.", m] : l["Slow mode is off."];
        return RedirectToPage(new { id });
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        var access = await ThreadAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        if (!access.MayModerate) return Forbid();
        Access = access;
        Thread = (await db.Threads.FindAsync(id))!;
        return null;
    }
}
