using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Web.Pages.Curriculum;

/// <summary>The catalogue, in curriculum order, optionally narrowed to one theme (plain links, no script).</summary>
public class ModulesModel(ServedCurriculum content) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    public IReadOnlyList<string> Themes { get; private set; } = [];
    public IReadOnlyList<Module> Modules { get; private set; } = [];

    public void OnGet()
    {
        var library = content.Library;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Themes = library.Themes;
        Theme = string.IsNullOrWhiteSpace(Theme) ? null : Theme.Trim();
        Modules = library.Modules(language)
            .Where(m => Theme is null || m.Themes.Contains(Theme, StringComparer.Ordinal))
            .ToList();
    }
}
