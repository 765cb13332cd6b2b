using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Pages.Shared;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>
/// One post, for those who moderate its group: remove it with a reason, restore it, or approve it / dismiss its reports.
/// Reached from the post itself ("Moderate") as well as from the queue. 404 outside the group, 403 for members.
/// </summary>
[Authorize]
public class ModeratePostModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ReasonInput Input { get; set; } = new();

    public ThreadAccess Access { get; private set; } = null!;
    public Post Post { get; private set; } = null!;
    public string AuthorName { get; private set; } = "";
    public IReadOnlyList<PostReport> OpenReports { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int number) => await LoadAsync(id, number) ?? Page();

    public async Task<IActionResult> OnPostRemoveAsync(int id, int number)
    {
        if (await LoadAsync(id, number) is { } refusal) return refusal;
        // A form sent without any of its fields binds nothing, and so validates nothing: the reason is checked here too.
        if (Input.Reason is null && !ModelState.ContainsKey("Input.Reason")) ModelState.AddModelError("Input.Reason", l["Choose a reason."]);
        if (Input.Reason == ModerationReason.Other && string.IsNullOrWhiteSpace(Input.Note))
            ModelState.AddModelError("Input.Note", l["Say in a few words why the post is removed: the placeholder shows it."]);
        if (Post.IsDeleted) ModelState.AddModelError(string.Empty, l["The author has deleted this post: there is nothing to remove."]);
        if (!ModelState.IsValid) return Page();
        await ModerationActions.RemoveAsync(db, Access.Group, ModerationActions.Actor(User), Post, Input.Reason!.Value, Input.Note, time.GetUtcNow());
        StatusMessage = l["Post {0} is removed. Its author still sees it, with the reason.", number];
        return RedirectToPage(new { id, number });
    }

    public Task<IActionResult> OnPostRestoreAsync(int id, int number) =>
        ActAsync(id, number, post => post.RemovedAt is not null || post.HiddenAt is not null,
            () => ModerationActions.RestoreAsync(db, Access.Group, ModerationActions.Actor(User), Post, null, time.GetUtcNow()),
            l["Post {0} is back in its place.", number]);

    public Task<IActionResult> OnPostApproveAsync(int id, int number) =>
        ActAsync(id, number, post => post.RemovedAt is null && (post.HiddenAt is not null || OpenReports.Count > 0),
            () => ModerationActions.ApproveAsync(db, Access.Group, ModerationActions.Actor(User), Post, time.GetUtcNow()),
            l["Post {0} is approved: it stays in its place and its reports are closed.", number]);

    public Task<IActionResult> OnPostDismissAsync(int id, int number) =>
        ActAsync(id, number, _ => OpenReports.Count > 0,
            () => ModerationActions.DismissAsync(db, Access.Group, ModerationActions.Actor(User), Post, time.GetUtcNow()),
            l["The reports of post {0} are dismissed.", number]);

    async Task<IActionResult> ActAsync(int id, int number, Func<Post, bool> applies, Func<Task> act, string done)
    {
        if (await LoadAsync(id, number) is { } refusal) return refusal;
        ModelState.Clear(); // the removal form's fields are not part of these actions
        if (!applies(Post))
        {
            StatusMessage = l["Nothing to do: the post has changed since the page was shown."];
            return RedirectToPage(new { id, number });
        }
        await act();
        StatusMessage = done;
        return RedirectToPage(new { id, number });
    }

    async Task<IActionResult?> LoadAsync(int id, int number)
    {
        if (await PostPage.FindAsync(db, id, number, User, tracked: true) is not { } found) return NotFound();
        (Access, Post) = found;
        if (!Access.MayModerate) return Forbid();
        AuthorName = await db.Users.Where(u => u.Id == Post.AuthorId).Select(u => u.DisplayName).FirstAsync();
        OpenReports = await db.PostReports.AsNoTracking().Where(r => r.PostId == Post.Id && r.ResolvedAt == null).OrderBy(r => r.CreatedAt).ToListAsync();
        return null;
    }
}
