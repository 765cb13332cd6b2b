using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Admin;

/// <summary>
/// Where to find help, shown to a member who reports a self-harm concern: one Markdown text per language. An empty
/// box (or the default text left as it is) means the default, so the default's later corrections still reach this site.
/// </summary>
public class SafetyHelpModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Which languages use the default text, for the page to say so.</summary>
    public HashSet<string> UsingDefault { get; } = [];

    /// <summary>What is saved, rendered as the report page renders it.</summary>
    public List<(string Language, SanitizedHtml Html)> Previews { get; } = [];

    public sealed class InputModel
    {
        [StringLength(SafetyHelpText.MaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters(AllowLineBreaks = true)]
        [Display(Name = "Help text in English (Markdown)")]
        public string? English { get; set; }

        [StringLength(SafetyHelpText.MaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters(AllowLineBreaks = true)]
        [Display(Name = "Help text in French (Markdown)")]
        public string? French { get; set; }
    }

    public async Task OnGetAsync()
    {
        Input.English = await SafetyHelp.MarkdownForAsync(db, "en");
        Input.French = await SafetyHelp.MarkdownForAsync(db, "fr");
        await NoteDefaultsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        foreach (var (field, text) in new[] { ("Input.English", Input.English), ("Input.French", Input.French) })
        {
            // Markdig gives up on pathological nesting; say so rather than store what cannot be shown.
            if (!string.IsNullOrWhiteSpace(text) && UserMarkdown.Parse(text) is null)
                ModelState.AddModelError(field, l["The text is nested too deeply to display (too many '>' or list levels)."]);
        }
        if (!ModelState.IsValid)
        {
            await NoteDefaultsAsync();
            return Page();
        }

        var now = time.GetUtcNow();
        await SaveAsync("en", Input.English, now);
        await SaveAsync("fr", Input.French, now);
        await db.SaveChangesAsync();
        StatusMessage = l["Help texts saved."];
        return RedirectToPage();
    }

    async Task SaveAsync(string language, string? markdown, DateTimeOffset now)
    {
        var text = markdown?.ReplaceLineEndings("\n").Trim() ?? "";
        var stored = await db.SafetyHelpTexts.FindAsync(language);
        if (text.Length == 0 || text == SafetyHelp.Default(language).ReplaceLineEndings("\n").Trim())
        {
            if (stored is not null) db.SafetyHelpTexts.Remove(stored);
            return;
        }
        if (stored is null)
        {
            stored = new SafetyHelpText { Language = language };
            db.SafetyHelpTexts.Add(stored);
        }
        stored.Markdown = text;
        stored.UpdatedAt = now;
    }

    async Task NoteDefaultsAsync()
    {
        foreach (var language in SafetyHelp.Languages) Previews.Add((language, await SafetyHelp.RenderAsync(db, language)));
        var saved = await db.SafetyHelpTexts.AsNoTracking().Where(h => h.Markdown != "").Select(h => h.Language).ToListAsync();
        foreach (var language in SafetyHelp.Languages.Except(saved)) UsingDefault.Add(language);
    }
}
