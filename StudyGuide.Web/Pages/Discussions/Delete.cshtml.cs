using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Pages.Discussions;

[Authorize]
public class DeleteModel(AppDbContext db, TimeProvider time) : PageModel
{
    public ThreadAccess Access { get; private set; } = null!;
    public Post Post { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int number) => await LoadAsync(id, number) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, int number)
    {
        if (await LoadAsync(id, number) is { } refusal) return refusal;
        await Posting.DeleteAsync(db, Post, time.GetUtcNow());
        return RedirectToPage("/Discussions/Permalink", new { id, number });
    }

    async Task<IActionResult?> LoadAsync(int id, int number)
    {
        if (await PostPage.FindAsync(db, id, number, User, tracked: true) is not { } found) return NotFound();
        (Access, Post) = found;
        return Access.CanEdit(Post) ? null : Forbid();
    }
}
