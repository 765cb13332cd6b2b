using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Pages.Moderation;

namespace StudyGuide.Web.Pages.Groups.Moderation;

/// <summary>/groups/{id}/moderation: the group's review queue, for its facilitators and site staff (404 outside the group, 403 for members).</summary>
public class IndexModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : ReviewQueuePageModel(db, time, l)
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public GroupAccess Access { get; private set; } = null!;

    protected override async Task<QueueScope> ScopeAsync()
    {
        var access = await GroupAccess.FindAsync(Db, Id, User);
        if (access is null) return new QueueScope(null, false, NotFound());
        if (!access.MayModerate) return new QueueScope(null, false, Forbid());
        Access = access;
        // Reporters' names stay with site staff, even in a group's own queue.
        return new QueueScope(Id, access.IsSiteStaff);
    }
}
