using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Curriculum;
using StudyGuide.Web.Data;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Curriculum;

/// <summary>
/// Full-text search over modules and guides. Results come in curriculum order (modules by number,
/// then guides), never by rank: the reader can always see why each result is where it is.
/// </summary>
public class SearchModel(AppDbContext db, ServedCurriculum content, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Null when nothing was searched for (the form alone is shown).</summary>
    public IReadOnlyList<ContentDocument>? Results { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Query?.Trim();
        if (string.IsNullOrEmpty(query)) return;
        if (query.Length > CurriculumSearch.MaxQueryLength)
        {
            Problem = l["Your search is too long. Use at most {0} characters.", CurriculumSearch.MaxQueryLength];
            return;
        }
        if (TextRules.HasControlCharacters(query))
        {
            Problem = l["Your search contains characters that cannot be searched for. Type it again with letters, digits and punctuation."];
            return;
        }

        var matches = await db.CurriculumSearchRows.AsNoTracking()
            .Where(d => (d.Language == "fr" && d.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("french", query)))
                || (d.Language != "fr" && d.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", query))))
            .Select(d => new { d.Kind, d.Slug, d.Language })
            .ToListAsync(cancellationToken);

        // Keep a match only in the version this reader is shown (their language where translated,
        // English otherwise), then lay the results out in curriculum order.
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var library = content.Library;
        Results = library.Modules(language).Cast<ContentDocument>()
            .Concat(library.Guides(language))
            .Where(d => matches.Any(m => m.Kind == d.Kind && m.Slug == d.Slug && m.Language == d.Language))
            .ToList();
    }
}
