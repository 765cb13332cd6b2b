using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Pages.Moderation;

/// <summary>/moderation: every group's review queue, for site staff (who see reporters' names).</summary>
[Authorize(Policy = AuthorizationPolicies.SiteModeration)]
public class IndexModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : ReviewQueuePageModel(db, time, l)
{
    protected override Task<QueueScope> ScopeAsync() => Task.FromResult(new QueueScope(GroupId: null, ShowReporters: true));
}
