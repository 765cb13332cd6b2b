using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Discussions;

[Authorize]
public class NewModel(AppDbContext db, ThreadLinks links, TimeProvider time, AccountActionLimits limits, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give the discussion a title.")]
        [StringLength(DiscussionThread.TitleMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Title")]
        public string Title { get; set; } = "";

        [Display(Name = "First post")]
        public string? Body { get; set; }

        public Guid IdempotencyKey { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public GroupAccess Access { get; private set; } = null!;
    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        Input.IdempotencyKey = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        PreviewHtml = PostPreview.Render(Input.Body, ModelState, l);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        var userId = Access.UserId;
        // A second click, or a retry after a timeout, finds the discussion the first one started.
        if (await Posting.FindByKeyAsync(db, userId, Input.IdempotencyKey) is { } earlier) return RedirectToPage("/Discussions/Thread", new { id = earlier.ThreadId });

        if (string.IsNullOrWhiteSpace(Input.Title)) ModelState.AddModelError("Input.Title", l["Give the discussion a title."]);
        if (PostMarkdown.Render(Input.Body).Problem is { } problem) ModelState.AddModelError("Input.Body", PostMarkdown.Describe(problem, l));
        if (!ModelState.IsValid) return Page();

        var now = time.GetUtcNow();
        if (!limits.TryTake(AccountAction.StartThread, userId))
        {
            ModelState.AddModelError(string.Empty, l["You have started many discussions in a short time. Wait a while and try again; your text is kept below."]);
            return Page();
        }
        // The title is seen in the list at once, so it meets the watched words with the first post; a word that would
        // hold the post for approval cannot hold a whole new discussion.
        var decision = await PostingRules.DecideAsync(db, Access, thread: null, Input.Title + "\n\n" + Input.Body, isEdit: false, now, l);
        if (decision.Refusal is not null || decision.Hold is not null)
        {
            ModelState.AddModelError(string.Empty, decision.Refusal
                ?? l["Your text contains “{0}”, which a facilitator must approve first. Reply in an existing discussion, or ask a facilitator to start this one.", decision.MatchedWord ?? ""]);
            return Page();
        }

        var thread = new DiscussionThread
        {
            GroupId = id,
            Kind = ThreadKind.Free,
            Title = Input.Title.Trim(),
            CreatedAt = now,
            ActivityAt = now,
            MemberActivityAt = now,
            CreatedByUserId = userId,
        };
        db.Threads.Add(thread);
        await db.SaveChangesAsync();
        var result = await Posting.CreateAsync(db, thread.Id, userId, Input.Body!, Input.IdempotencyKey, null, null, now);
        if (result.Post is { } post && post.ThreadId != thread.Id)
        {
            // Lost a race with a double click: keep the discussion the other request started.
            await db.Threads.Where(t => t.Id == thread.Id).ExecuteDeleteAsync();
            return RedirectToPage("/Discussions/Thread", new { id = post.ThreadId });
        }
        return Redirect(links.ToPage(Request, thread.Id, 1));
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        return access.MayStartThread ? null : Forbid();
    }
}
