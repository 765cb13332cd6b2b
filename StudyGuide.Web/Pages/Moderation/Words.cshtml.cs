using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Pages.Moderation;

/// <summary>The site's watched words, met by every post in every group: kept by admins.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
public class WordsModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : WatchedWordsPage(db, time, l)
{
    protected override int? ListGroupId => null;

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public Task<IActionResult> OnPostAddAsync() => AddAsync();

    public Task<IActionResult> OnPostRemoveAsync(int wordId) => RemoveAsync(wordId);
}
