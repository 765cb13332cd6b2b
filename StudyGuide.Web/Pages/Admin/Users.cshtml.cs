using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Web.Pages.Admin;

/// <summary>
/// Every account in creation order, with its roles and status. Each change updates the person's
/// security stamp, so it takes effect on their next request (they sign in again to get a new role),
/// and is written in the moderation log in the same transaction. Suspensions are made on /moderation/users,
/// which site moderators use too; this page links there.
/// </summary>
public class UsersModel(
    AppDbContext db, UserManager<User> users, SignInManager<User> signIn, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int PageCount { get; private set; } = 1;
    public string CurrentUserId => users.GetUserId(User)!;

    public sealed record Row(string Id, string DisplayName, string UserName, string? Email, DateTimeOffset CreatedAt, DateTimeOffset? SuspendedAt, DateTimeOffset? SuspendedUntil, IReadOnlyList<string> Roles);

    public DateTimeOffset Now { get; private set; }

    public sealed class InputModel
    {
        [Required]
        [StringLength(64)]
        public string UserId { get; set; } = "";

        [StringLength(32)]
        public string? Role { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostGrantRoleAsync() => ChangeAsync(async (user, role) =>
    {
        if (role is null) return Refused(l["Unknown role."]);
        var result = await users.AddToRoleAsync(user, role);
        if (result.Succeeded) LogRole(ModerationAction.GrantRole, user, role);
        return result.Succeeded ? Done(l["{0} now has the role {1}. It applies once they sign in again.", user.DisplayName, RoleName(role)]) : Refused(result);
    });

    public Task<IActionResult> OnPostRevokeRoleAsync() => ChangeAsync(async (user, role) =>
    {
        if (role is null) return Refused(l["Unknown role."]);
        if (role == Roles.Admin && user.Id == CurrentUserId)
            return Refused(l["You cannot remove your own administrator role. Ask another administrator to do it."]);
        var result = await users.RemoveFromRoleAsync(user, role);
        if (result.Succeeded) LogRole(ModerationAction.RevokeRole, user, role);
        return result.Succeeded ? Done(l["{0} no longer has the role {1}.", user.DisplayName, RoleName(role)]) : Refused(result);
    });

    // Added after the role change; the security-stamp update in ChangeAsync saves it, inside the same transaction.
    void LogRole(ModerationAction action, User user, string role) =>
        ModerationLog.Add(db, ModerationActions.Actor(User), action, time.GetUtcNow(), targetUserId: user.Id, targetName: user.DisplayName, detail: role);

    /// <summary>
    /// Finds the account and applies the change together with a new security stamp, in one
    /// transaction, so it takes effect on the person's next request or not at all.
    /// </summary>
    async Task<IActionResult> ChangeAsync(Func<User, string?, Task<Outcome>> change)
    {
        if (!ModelState.IsValid) return BadRequest();
        if (await users.FindByIdAsync(Input.UserId) is not { } user) return NotFound();
        var role = Roles.All.FirstOrDefault(r => r == Input.Role);

        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var outcome = await change(user, role);
            if (outcome.Error is not null) return outcome;
            var stamped = await users.UpdateSecurityStampAsync(user);
            if (!stamped.Succeeded) return Refused(stamped);
            await transaction.CommitAsync();
            return outcome;
        });
        if (outcome.Error is not null)
        {
            ModelState.AddModelError(string.Empty, outcome.Error);
            await LoadAsync();
            return Page();
        }

        // The new stamp would sign out an admin who changed their own roles; keep them signed in here.
        if (user.Id == CurrentUserId) await signIn.RefreshSignInAsync(user);
        StatusMessage = outcome.Message;
        return RedirectToPage(new { PageNumber });
    }

    sealed record Outcome(string? Message, string? Error);

    static Outcome Done(string message) => new(message, null);
    static Outcome Refused(string error) => new(null, error);
    static Outcome Refused(IdentityResult result) => new(null, string.Join(" ", result.Errors.Select(e => e.Description)));

    public string RoleName(string role) => role switch
    {
        Roles.Admin => l["Administrator"],
        Roles.Moderator => l["Moderator"],
        Roles.Teacher => l["Teacher"],
        _ => role,
    };

    async Task LoadAsync()
    {
        Now = time.GetUtcNow();
        var total = await db.Users.CountAsync();
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);

        var page = await db.Users.AsNoTracking()
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.UserName,
                u.Email,
                u.CreatedAt,
                u.SuspendedAt,
                u.SuspendedUntil,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        Rows = page.Select(u => new Row(u.Id, u.DisplayName, u.UserName ?? "", u.Email, u.CreatedAt, u.SuspendedAt, u.SuspendedUntil, u.Roles)).ToList();
    }
}
