using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Pages.Shared;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>
/// A member reports someone else's post with a reason. The reporter is told it was received; nobody but site staff
/// learns who reported. A self-harm concern goes to the top of the facilitators' queue, by email too when email is on,
/// and the reporter is shown where to find help.
/// </summary>
[Authorize]
public class ReportModel(
    AppDbContext db, TimeProvider time, AccountActionLimits limits, IEmailSender email, ILogger<ReportModel> log, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ReasonInput Input { get; set; } = new();

    public ThreadAccess Access { get; private set; } = null!;
    public Post Post { get; private set; } = null!;
    public string AuthorName { get; private set; } = "";

    /// <summary>Why this reader cannot report the post (their own, muted), shown instead of the form.</summary>
    public string? Refusal { get; private set; }

    [TempData]
    public bool Received { get; set; }

    [TempData]
    public bool ReceivedSelfHarm { get; set; }

    public SanitizedHtml? HelpHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int number)
    {
        // After a report the post may be hidden (the threshold): the confirmation is still shown.
        if (await LoadAsync(id, number, requireInPlace: !Received) is { } notFound) return notFound;
        if (ReceivedSelfHarm) HelpHtml = await SafetyHelp.RenderAsync(db, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int number)
    {
        if (await LoadAsync(id, number, requireInPlace: true) is { } notFound) return notFound;
        Received = ReceivedSelfHarm = false;
        if (Refusal is not null) return Page();
        // A form sent without any of its fields binds nothing, and so validates nothing: the reason is checked here too.
        if (Input.Reason is null && !ModelState.ContainsKey("Input.Reason")) ModelState.AddModelError("Input.Reason", l["Choose a reason."]);
        if (Input.Reason == ModerationReason.Other && string.IsNullOrWhiteSpace(Input.Note))
            ModelState.AddModelError("Input.Note", l["Say in a few words what is wrong with the post."]);
        if (!ModelState.IsValid) return Page();
        if (!limits.TryTake(AccountAction.Report, Access.UserId))
        {
            ModelState.AddModelError(string.Empty, l["You have sent many reports in a short time. Wait a minute and send this one again."]);
            return Page();
        }

        var reason = Input.Reason!.Value;
        var outcome = await ModerationActions.ReportAsync(db, Access.Group.Group.Id, Access.Group.Group.ReportThreshold, Post.Id, Access.UserId, reason, Input.Note, time.GetUtcNow());
        if (outcome == ReportOutcome.AlreadyReported)
        {
            ModelState.AddModelError(string.Empty, l["You have already reported this post. The facilitators have your report."]);
            return Page();
        }
        if (reason == ModerationReason.SelfHarm) await TellFacilitatorsAsync();
        Received = true;
        ReceivedSelfHarm = reason == ModerationReason.SelfHarm;
        return RedirectToPage(new { id, number });
    }

    async Task<IActionResult?> LoadAsync(int id, int number, bool requireInPlace)
    {
        if (await PostPage.FindAsync(db, id, number, User) is not { } found) return NotFound();
        (Access, Post) = found;
        // Only members report, and only a post in place: a removed, hidden or deleted one has nothing left to report.
        if (!Access.Group.IsMember) return NotFound();
        if (requireInPlace && (Post.IsDeleted || Post.RemovedAt is not null || Post.HiddenAt is not null)) return NotFound();
        AuthorName = await db.Users.Where(u => u.Id == Post.AuthorId).Select(u => u.DisplayName).FirstAsync();
        var now = time.GetUtcNow();
        if (Post.AuthorId == Access.UserId) Refusal = l["This is your own post. You can edit or delete it instead."];
        else if (Access.IsMutedAt(now)) Refusal = PostingRules.MutedMessage(Access.MutedUntil!.Value, Access.MuteReason ?? "", Access.Group.Group, l);
        return null;
    }

    /// <summary>A self-harm concern cannot wait for someone to open the queue: each facilitator with an address gets an email.</summary>
    async Task TellFacilitatorsAsync()
    {
        if (!email.IsEnabled) return;
        var group = Access.Group.Group;
        var addresses = await db.Memberships
            .Where(m => m.GroupId == group.Id && m.Role == MembershipRole.Facilitator)
            .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u.Email)
            .Where(e => e != null && e != "")
            .ToListAsync();
        var queue = Url.PageLink("/Groups/Moderation/Index", values: new { id = group.Id });
        foreach (var address in addresses)
        {
            try
            {
                await email.SendAsync(address!, l["A post in {0} was reported as a self-harm concern", group.Name],
                    l["A member reported a post in “{0}” as a self-harm concern. It is at the top of the group's moderation queue: {1}", group.Name, queue ?? ""]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The report is stored and first in the queue whatever happens to the email.
                log.LogWarning(e, "Could not email a facilitator about a self-harm concern in group {GroupId}", group.Id);
            }
        }
    }
}
