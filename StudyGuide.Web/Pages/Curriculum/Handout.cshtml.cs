using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Web.Pages.Curriculum;

/// <summary>One printable page of a module, on a layout of its own: what a teacher prints and hands out.</summary>
public class HandoutModel(ServedCurriculum content) : PageModel
{
    public Module Module { get; private set; } = null!;
    public Handout Handout { get; private set; } = null!;

    public IActionResult OnGet(string slug, string name)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var library = content.Library;
        if (library.FindModule(slug, language) is not { } module || library.FindHandout(slug, name, language) is not { } handout)
            return NotFound();
        Module = module;
        Handout = handout;
        return Page();
    }
}
