using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Groups;

/// <summary>
/// Who may do what in a group, in one place. Pages load a group only through <see cref="FindAsync"/>
/// and answer 404 when it returns null: a group the reader is not in does not exist for them.
/// Admins act as facilitators of every group; site moderators may read and moderate every group but have no other
/// facilitator power (docs/PRODUCT.md, Roles).
/// </summary>
public sealed class GroupAccess(Group group, string userId, MembershipRole? role, bool isAdmin, bool isSiteModerator = false)
{
    public Group Group { get; } = group;
    public string UserId { get; } = userId;
    public MembershipRole? Role { get; } = role;

    public bool IsMember => Role is not null;
    public bool IsFacilitator => Role == MembershipRole.Facilitator || isAdmin;

    /// <summary>Site staff (admins and moderators) act in every group and see who reported a post.</summary>
    public bool IsSiteStaff => isAdmin || isSiteModerator;

    /// <summary>Review reports and held posts, remove and restore posts, lock threads, slow mode, mute members: facilitators and site staff.</summary>
    public bool MayModerate => IsFacilitator || IsSiteStaff;

    /// <summary>
    /// Any member starts a free discussion unless the group keeps that to its facilitators, or has pre-moderation on: a
    /// discussion's title is seen at once in the list, so in a pre-moderated group facilitators start them and members reply.
    /// </summary>
    public bool MayStartThread => IsFacilitator || (IsMember && !Group.OnlyFacilitatorsStartThreads && !Group.PreModeration);

    public bool CanSeeMemberList => IsFacilitator || (IsMember && Group.MemberListVisibility == MemberListVisibility.DisplayNames);

    sealed record GroupRow(Group Group, MembershipRole? Role);

    // Compiled once: every group page starts here (the thread list among them): bench/RESULTS.md.
    static readonly Func<AppDbContext, int, string, CancellationToken, Task<GroupRow?>> FindRow = EF.CompileAsyncQuery(
        (AppDbContext db, int groupId, string userId, CancellationToken cancellationToken) => db.Groups
            .Where(g => g.Id == groupId)
            .Select(g => new GroupRow(g, g.Memberships.Where(m => m.UserId == userId).Select(m => (MembershipRole?)m.Role).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>The group as <paramref name="user"/> may see it (tracked, so settings pages can change it), or null.</summary>
    public static async Task<GroupAccess?> FindAsync(AppDbContext db, int groupId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        var found = await FindRow(db, groupId, userId, cancellationToken);
        if (found is null) return null;
        var isAdmin = user.IsInRole(Roles.Admin);
        var isSiteModerator = user.IsInRole(Roles.Moderator);
        return found.Role is null && !isAdmin && !isSiteModerator ? null : new GroupAccess(found.Group, userId, found.Role, isAdmin, isSiteModerator);
    }

    /// <summary>Same as <see cref="FindAsync"/>, but only for facilitators (and admins).</summary>
    public static async Task<GroupAccess?> FindAsFacilitatorAsync(AppDbContext db, int groupId, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        await FindAsync(db, groupId, user, cancellationToken) is { IsFacilitator: true } access ? access : null;

    /// <summary>Classes are led by teachers (and admins); anyone may lead a club when the admin allows it.</summary>
    public static bool MayLeadClasses(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Teacher);

    public static bool CanCreate(GroupKind kind, ClaimsPrincipal user, bool anyoneMayCreateClubs) =>
        MayLeadClasses(user) || (kind == GroupKind.Club && anyoneMayCreateClubs && user.Identity?.IsAuthenticated == true);

    /// <summary>
    /// Student accounts a facilitator made (no email) may join only groups that facilitator leads,
    /// so a code passed around outside school cannot pull a child into a stranger's group.
    /// </summary>
    public static Task<bool> MayJoinAsync(AppDbContext db, User user, int groupId, CancellationToken cancellationToken = default) =>
        user.CreatedByUserId is not { } maker
            ? Task.FromResult(true)
            : db.Memberships.AnyAsync(m => m.GroupId == groupId && m.UserId == maker && m.Role == MembershipRole.Facilitator, cancellationToken);
}

public static class GroupQueries
{
    /// <summary>The groups <paramref name="userId"/> belongs to, as member or facilitator.</summary>
    public static IQueryable<Group> VisibleTo(this IQueryable<Group> groups, string userId) =>
        groups.Where(g => g.Memberships.Any(m => m.UserId == userId));

    public static IQueryable<Group> FacilitatedBy(this IQueryable<Group> groups, string userId) =>
        groups.Where(g => g.Memberships.Any(m => m.UserId == userId && m.Role == MembershipRole.Facilitator));
}
