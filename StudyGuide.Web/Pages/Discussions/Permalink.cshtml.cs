using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>/threads/{id}/posts/{n}: the page that holds post n for this reader, at its anchor; 404 for a post they cannot see.</summary>
[Authorize]
public class PermalinkModel(AppDbContext db, ThreadPaging paging, ThreadLinks links) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int number)
    {
        var access = await ThreadAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        var page = await ThreadPosts.PageOfAsync(db, access, paging, number);
        if (page is null) return NotFound();
        return Redirect(links.ToPage(Request, id, page.Value, string.Create(CultureInfo.InvariantCulture, $"post-{number}")));
    }
}
