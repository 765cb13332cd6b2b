using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Discussions;

[Authorize]
public class EditModel(AppDbContext db, TimeProvider time, AccountActionLimits limits, ThreadLinks links, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public string? Body { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ThreadAccess Access { get; private set; } = null!;
    public Post Post { get; private set; } = null!;
    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int number)
    {
        if (await LoadAsync(id, number) is { } refusal) return refusal;
        Input.Body = Post.BodyMarkdown;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, int number)
    {
        if (await LoadAsync(id, number) is { } refusal) return refusal;
        PreviewHtml = PostPreview.Render(Input.Body, ModelState, l);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int number)
    {
        if (await LoadAsync(id, number) is { } refusal) return refusal;
        var body = Input.Body ?? "";
        if (PostMarkdown.Render(body) is { Problem: { } problem })
        {
            ModelState.AddModelError("Input.Body", PostMarkdown.Describe(problem, l));
            return Page();
        }
        if (body == Post.BodyMarkdown) return RedirectToPage("/Discussions/Permalink", new { id, number });
        if (!limits.TryTake(AccountAction.Post, Access.UserId))
        {
            ModelState.AddModelError("Input.Body", l["You are posting very fast. Wait a minute and post again; your text is kept below."]);
            return Page();
        }
        var now = time.GetUtcNow();
        var decision = await PostingRules.DecideAsync(db, Access.Group, Access.Thread, body, isEdit: true, now, l);
        if (decision.Refusal is { } refused)
        {
            ModelState.AddModelError("Input.Body", refused);
            return Page();
        }
        if (decision.Hold is { } hold)
        {
            // The post keeps its current text for everyone until a facilitator approves the new one.
            await ModerationActions.HoldAsync(db, id, Access.UserId, body, PostMarkdown.Render(body).Html, Guid.Empty, Post.ReplyToNumber, Post.VisibleToUserId,
                editOfPostId: Post.Id, hold, decision.MatchedWord, now);
            TempData["StatusMessage"] = l["Your edit will replace the post once a facilitator approves it. Until then the post keeps its current text."].Value;
            return Redirect(links.ToPage(Request, id, 1, "held"));
        }
        await Posting.EditAsync(db, Post, body, now);
        return RedirectToPage("/Discussions/Permalink", new { id, number });
    }

    async Task<IActionResult?> LoadAsync(int id, int number)
    {
        // Someone else's post, or one already deleted, cannot be edited; one the reader cannot see does not exist.
        if (await PostPage.FindAsync(db, id, number, User, tracked: true) is not { } found) return NotFound();
        (Access, Post) = found;
        return Access.CanEdit(Post) ? null : Forbid();
    }
}
