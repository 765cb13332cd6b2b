using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Web.Pages.Curriculum;

public class GuidesModel(ServedCurriculum content) : PageModel
{
    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public void OnGet() => Guides = content.Library.Guides(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}
