using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Web.Pages.Curriculum;

public class GuideModel(ServedCurriculum content) : PageModel
{
    public Guide Guide { get; private set; } = null!;

    /// <summary>True when the reader's language has no translation of this guide yet.</summary>
    public bool IsFallback { get; private set; }

    public IActionResult OnGet(string slug)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (content.Library.FindGuide(slug, language) is not { } guide) return NotFound();
        Guide = guide;
        IsFallback = guide.Language != language;
        return Page();
    }
}
