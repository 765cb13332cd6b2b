using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Web.Pages.Curriculum;

public class ModuleModel(ServedCurriculum content) : PageModel
{
    public Module Module { get; private set; } = null!;
    public Module? Previous { get; private set; }
    public Module? Next { get; private set; }

    /// <summary>True when the reader's language has no translation of this module yet.</summary>
    public bool IsFallback { get; private set; }

    public IActionResult OnGet(string slug)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var library = content.Library;
        if (library.FindModule(slug, language) is not { } module) return NotFound();
        Module = module;
        IsFallback = module.Language != language;
        (Previous, Next) = library.Neighbours(module, language);
        return Page();
    }
}
