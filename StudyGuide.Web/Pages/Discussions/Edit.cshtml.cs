using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Pages.Discussions;

[Authorize]
public class EditModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
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
        if (await Posting.EditAsync(db, Post, Input.Body ?? "", time.GetUtcNow()) is { } problem)
        {
            ModelState.AddModelError("Input.Body", PostMarkdown.Describe(problem, l));
            return Page();
        }
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
