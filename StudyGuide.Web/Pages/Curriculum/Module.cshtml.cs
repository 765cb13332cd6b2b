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

    /// <summary>The module's handouts by name, for the materials list.</summary>
    public IReadOnlyDictionary<string, Handout> Handouts { get; private set; } = new Dictionary<string, Handout>();

    /// <summary>The help guide, linked at the top of a module that touches on well-being.</summary>
    public Guide? HelpGuide { get; private set; }

    public Rubric? Rubric { get; private set; }

    public IActionResult OnGet(string slug)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var library = content.Library;
        if (library.FindModule(slug, language) is not { } module) return NotFound();
        Module = module;
        IsFallback = module.Language != language;
        (Previous, Next) = library.Neighbours(module, language);
        Handouts = library.HandoutsOf(module, language).ToDictionary(h => h.Name);
        HelpGuide = module.TouchesWellBeing ? library.FindGuide(Guide.HelpSlug, language) : null;
        Rubric = library.Rubric(language);
        return Page();
    }
}
