using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Web.Pages.Curriculum;

public class GlossaryModel(ServedCurriculum content) : PageModel
{
    public Glossary Glossary { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (content.Library.Glossary(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) is not { } glossary) return NotFound();
        Glossary = glossary;
        return Page();
    }
}
