using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>The live preview of post forms (preview.js): members of the group only, the same renderer as posting.</summary>
[Authorize]
public class PreviewModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(int id, [FromForm] string? text)
    {
        if (await GroupAccess.FindAsync(db, id, User) is null) return NotFound();
        var rendered = PostMarkdown.Render(text);
        return new JsonResult(rendered.Problem is { } problem
            ? new { html = "", error = (string?)PostMarkdown.Describe(problem, l) }
            : new { html = rendered.Html, error = (string?)null });
    }
}
