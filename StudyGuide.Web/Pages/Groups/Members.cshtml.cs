using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups;

/// <summary>
/// The member list (as the group's setting allows), the facilitators' tools (remove, make
/// co-facilitator, reset a student's password) and leaving the group.
/// </summary>
public class MembersModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record MemberRow(string UserId, string DisplayName, string UserName, MembershipRole Role, DateTimeOffset JoinedAt, bool IsStudentAccount);

    public GroupAccess Access { get; private set; } = null!;
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public bool IsOnlyFacilitator { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        await LoadAsync(access);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, string userId)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == userId);
        if (membership is null) return NotFound();
        if (userId == access.UserId)
        {
            ModelState.AddModelError(string.Empty, l["To leave the group yourself, use the Leave button."]);
            await LoadAsync(access);
            return Page();
        }
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync();
        Done = l["The member was removed from the group."];
        return RedirectToPage("/Groups/Members", new { id });
    }

    public async Task<IActionResult> OnPostMakeFacilitatorAsync(int id, string userId)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == userId);
        if (membership is null) return NotFound();
        var isStudentAccount = await db.Users.AnyAsync(u => u.Id == userId && u.CreatedByUserId != null);
        if (isStudentAccount)
        {
            ModelState.AddModelError(string.Empty, l["Student accounts made by a facilitator cannot lead a group."]);
            await LoadAsync(access);
            return Page();
        }
        membership.Role = MembershipRole.Facilitator;
        await db.SaveChangesAsync();
        Done = l["The member is now a co-facilitator."];
        return RedirectToPage("/Groups/Members", new { id });
    }

    public async Task<IActionResult> OnPostLeaveAsync(int id)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null || !access.IsMember) return NotFound();
        var membership = await db.Memberships.FirstAsync(m => m.GroupId == id && m.UserId == access.UserId);
        if (membership.Role == MembershipRole.Facilitator
            && !await db.Memberships.AnyAsync(m => m.GroupId == id && m.UserId != access.UserId && m.Role == MembershipRole.Facilitator))
        {
            ModelState.AddModelError(string.Empty, l["You are the only facilitator. Make another member a co-facilitator before you leave."]);
            await LoadAsync(access);
            return Page();
        }
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync();
        return RedirectToPage("/Groups/Index");
    }

    async Task LoadAsync(GroupAccess access)
    {
        Access = access;
        var id = access.Group.Id;
        if (access.CanSeeMemberList)
        {
            Members = await db.Memberships.AsNoTracking()
                .Where(m => m.GroupId == id)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
                .OrderByDescending(x => x.m.Role == MembershipRole.Facilitator).ThenBy(x => x.u.DisplayName).ThenBy(x => x.u.UserName)
                .Select(x => new MemberRow(x.u.Id, x.u.DisplayName, x.u.UserName!, x.m.Role, x.m.JoinedAt, x.u.CreatedByUserId != null))
                .ToListAsync();
        }
        IsOnlyFacilitator = access.Role == MembershipRole.Facilitator
            && !await db.Memberships.AnyAsync(m => m.GroupId == id && m.UserId != access.UserId && m.Role == MembershipRole.Facilitator);
    }
}
