using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>Every text a post has had. Facilitators read any post's history (the first text of a reflection, even deleted); authors their own.</summary>
[Authorize]
public class HistoryModel(AppDbContext db) : PageModel
{
    public ThreadAccess Access { get; private set; } = null!;
    public Post Post { get; private set; } = null!;
    public string AuthorName { get; private set; } = "";
    public IReadOnlyList<PostRevision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int number)
    {
        if (await PostPage.FindAsync(db, id, number, User) is not { } found) return NotFound();
        (Access, Post) = found;
        if (!Access.CanReadHistory(Post)) return NotFound();
        AuthorName = await db.Users.Where(u => u.Id == Post.AuthorId).Select(u => u.DisplayName).FirstAsync();
        Revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == Post.Id).OrderBy(r => r.Revision).ToListAsync();
        return Page();
    }
}
