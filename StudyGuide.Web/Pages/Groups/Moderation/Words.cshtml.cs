using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Pages.Moderation;

namespace StudyGuide.Web.Pages.Groups.Moderation;

/// <summary>One group's watched words, kept by its facilitators (and site staff); the site's list applies as well.</summary>
public class WordsModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : WatchedWordsPage(db, time, l)
{
    readonly AppDbContext db = db;

    public GroupAccess Access { get; private set; } = null!;

    protected override int? ListGroupId => Access.Group.Id;

    public async Task<IActionResult> OnGetAsync(int id) => await EnterAsync(id) ?? await ShowAsync();

    public async Task<IActionResult> OnPostAddAsync(int id) => await EnterAsync(id) ?? await AddAsync();

    public async Task<IActionResult> OnPostRemoveAsync(int id, int wordId) => await EnterAsync(id) ?? await RemoveAsync(wordId);

    /// <summary>Null when the reader may keep this group's list; otherwise 404 outside the group, 403 for a member.</summary>
    async Task<IActionResult?> EnterAsync(int id)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        if (!access.MayModerate) return Forbid();
        Access = access;
        return null;
    }
}
