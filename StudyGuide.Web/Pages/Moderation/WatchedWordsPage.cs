using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Moderation;

/// <summary>
/// What the site's list (/moderation/words) and a group's list (/groups/{id}/moderation/words) share: the words, the
/// add and remove forms and their rules. Each page says who may come in and which list it keeps; the view's body is the
/// partial _WatchedWords.
/// </summary>
public abstract class WatchedWordsPage(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public WordInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<WatchedWord> Words { get; private set; } = [];

    /// <summary>Null for the site's list.</summary>
    protected abstract int? ListGroupId { get; }

    public sealed class WordInput
    {
        [Required(ErrorMessage = "Enter a word or phrase.")]
        [StringLength(WatchedWord.PhraseMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Word or phrase")]
        public string Phrase { get; set; } = "";

        [Display(Name = "What happens to a post that contains it")]
        public WatchedWordAction Action { get; set; } = WatchedWordAction.Hold;
    }

    protected async Task<IActionResult> ShowAsync()
    {
        Words = await WatchedWordLists.ListAsync(db, ListGroupId);
        return Page();
    }

    protected async Task<IActionResult> AddAsync()
    {
        if (!Enum.IsDefined(Input.Action)) ModelState.AddModelError("Input.Action", l["Choose what happens to a post that contains it."]);
        if (ModelState.IsValid && WatchedWords.Clean(Input.Phrase).Length == 0) ModelState.AddModelError("Input.Phrase", l["Enter a word or phrase."]);
        if (!ModelState.IsValid) return await ShowAsync();

        var word = await WatchedWordLists.AddAsync(db, ListGroupId, ModerationActions.Actor(User), Input.Phrase, Input.Action, time.GetUtcNow());
        if (word is null)
        {
            ModelState.AddModelError("Input.Phrase", l["“{0}” is already in the list (capitals and accents do not count).", WatchedWords.Clean(Input.Phrase)]);
            return await ShowAsync();
        }
        StatusMessage = l["“{0}” added.", word.Phrase];
        return RedirectToPage();
    }

    protected async Task<IActionResult> RemoveAsync(int wordId)
    {
        var word = await WatchedWordLists.RemoveAsync(db, ListGroupId, ModerationActions.Actor(User), wordId, time.GetUtcNow());
        if (word is null) return NotFound();
        StatusMessage = l["“{0}” removed.", word.Phrase];
        return RedirectToPage();
    }

    public string ActionLabel(WatchedWordAction action) => action == WatchedWordAction.Refuse
        ? l["Refuse the post (the author keeps their text and changes it)"]
        : l["Hold the post for a facilitator's approval"];
}
