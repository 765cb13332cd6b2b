using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups;

public class IndexModel(AppDbContext db) : PageModel
{
    public sealed record GroupRow(int Id, string Name, GroupKind Kind, MembershipRole Role, DateTimeOffset JoinedAt);

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];
    public bool CanCreateClass { get; private set; }
    public bool CanCreateClub { get; private set; }

    public async Task OnGetAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        Groups = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m, g })
            .OrderBy(x => x.g.Name).ThenBy(x => x.g.Id)
            .Select(x => new GroupRow(x.g.Id, x.g.Name, x.g.Kind, x.m.Role, x.m.JoinedAt))
            .ToListAsync();
        var anyoneMayCreateClubs = await db.SiteSettings.Select(s => s.AllowAnyoneToCreateClubs).SingleAsync();
        CanCreateClass = GroupAccess.CanCreate(GroupKind.Class, User, anyoneMayCreateClubs);
        CanCreateClub = GroupAccess.CanCreate(GroupKind.Club, User, anyoneMayCreateClubs);
    }
}
