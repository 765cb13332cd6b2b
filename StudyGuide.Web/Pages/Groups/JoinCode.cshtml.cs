using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups;

public class JoinCodeModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public GroupAccess Access { get; private set; } = null!;

    [TempData]
    public string? Done { get; set; }

    public string? DisplayCode => Access.Group.JoinCode is { } code ? JoinCodes.Display(code) : null;

    public string? JoinLink => DisplayCode is { } code ? Url.PageLink("/Join/Index", values: new { code }) : null;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        return Page();
    }

    /// <summary>A new code; the old one stops working at once (also how a disabled code is turned back on).</summary>
    public async Task<IActionResult> OnPostRotateAsync(int id)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        access.Group.JoinCode = await JoinCodes.NewUnusedAsync(db);
        await db.SaveChangesAsync();
        Done = l["The group has a new join code. The old code no longer works."];
        return RedirectToPage("/Groups/JoinCode", new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(int id)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        access.Group.JoinCode = null;
        await db.SaveChangesAsync();
        Done = l["Joining by code is turned off. Nobody can join until you make a new code."];
        return RedirectToPage("/Groups/JoinCode", new { id });
    }
}
