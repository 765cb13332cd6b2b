using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Moderation;

/// <summary>
/// Finding an account and suspending it (until a time, or until lifted) with a reason the person is shown when they try
/// to sign in, or lifting a suspension. The one place for it: /admin/users links here.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.SiteModeration)]
public class UsersModel(AppDbContext db, UserManager<User> users, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxResults = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(100)]
    public string? Query { get; set; }

    /// <summary>The account whose suspension form is shown.</summary>
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty]
    public SuspendInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed record AccountRow(string Id, string DisplayName, string UserName, DateTimeOffset? SuspendedAt, DateTimeOffset? SuspendedUntil, string? SuspensionReason);

    public IReadOnlyList<AccountRow> Found { get; private set; } = [];
    public IReadOnlyList<AccountRow> Suspended { get; private set; } = [];
    public AccountRow? Chosen { get; private set; }
    public bool ChosenIsAdmin { get; private set; }
    public string? ChosenRefusal { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public sealed class SuspendInput
    {
        [Display(Name = "Suspended until (UTC, optional)")]
        public DateTime? Until { get; set; }

        [Required(ErrorMessage = "Give a reason: the person sees it when they try to sign in.")]
        [StringLength(StudyGuide.Web.Accounts.User.SuspensionReasonMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Reason (the person sees it)")]
        public string? Reason { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSuspendAsync()
    {
        if (await FindAsync() is not { } user) return NotFound();
        var now = time.GetUtcNow();
        DateTimeOffset? until = null;
        if (Input.Until is { } typed)
        {
            until = new DateTimeOffset(DateTime.SpecifyKind(typed, DateTimeKind.Unspecified), TimeSpan.Zero);
            if (until <= now) ModelState.AddModelError("Input.Until", l["The end of the suspension must be in the future. Leave it empty to suspend until someone lifts it."]);
        }
        if (await RefusalAsync(user) is { } refusal) ModelState.AddModelError(string.Empty, refusal);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var result = await AccountSuspensions.SuspendAsync(db, users, ModerationActions.Actor(User), user, until, Input.Reason!, now);
        if (!result.Succeeded) return Failed(result);
        StatusMessage = until is { } end
            ? l["{0} is suspended until {1} (UTC) and has been signed out everywhere.", user.DisplayName, end.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)]
            : l["{0} is suspended until someone lifts it and has been signed out everywhere.", user.DisplayName];
        return RedirectToPage(new { q = Query, userId = user.Id });
    }

    public async Task<IActionResult> OnPostLiftAsync()
    {
        ModelState.Clear(); // lifting needs no reason or date
        if (await FindAsync() is not { } user) return NotFound();
        if (await RefusalAsync(user) is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            await LoadAsync();
            return Page();
        }
        var result = await AccountSuspensions.LiftAsync(db, users, ModerationActions.Actor(User), user, time.GetUtcNow());
        if (!result.Succeeded) return Failed(result);
        StatusMessage = l["{0} can sign in again.", user.DisplayName];
        return RedirectToPage(new { q = Query, userId = user.Id });
    }

    async Task<User?> FindAsync() => string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);

    async Task<string?> RefusalAsync(User user) =>
        AccountSuspensions.WhyNot(users.GetUserId(User)!, User.IsInRole(Roles.Admin), user.Id, await users.IsInRoleAsync(user, Roles.Admin)) switch
        {
            AccountSuspensions.Refusal.OwnAccount => l["You cannot suspend your own account."].Value,
            AccountSuspensions.Refusal.AdminByModerator => l["Only an administrator can suspend an administrator or lift their suspension."].Value,
            _ => null,
        };

    IActionResult Failed(IdentityResult result)
    {
        StatusMessage = string.Join(" ", result.Errors.Select(e => e.Description));
        return RedirectToPage(new { q = Query, userId = UserId });
    }

    async Task LoadAsync()
    {
        Now = time.GetUtcNow();
        var now = Now;
        var accounts = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            // LIKE's own characters typed in the box are searched for as themselves.
            var pattern = "%" + Query.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            Found = await accounts
                .Where(u => EF.Functions.ILike(u.UserName!, pattern) || EF.Functions.ILike(u.DisplayName, pattern))
                .OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
                .Take(MaxResults)
                .Select(u => new AccountRow(u.Id, u.DisplayName, u.UserName ?? "", u.SuspendedAt, u.SuspendedUntil, u.SuspensionReason))
                .ToListAsync();
        }
        Suspended = await accounts
            .Where(u => u.SuspendedAt != null && (u.SuspendedUntil == null || u.SuspendedUntil > now))
            .OrderByDescending(u => u.SuspendedAt)
            .Take(100)
            .Select(u => new AccountRow(u.Id, u.DisplayName, u.UserName ?? "", u.SuspendedAt, u.SuspendedUntil, u.SuspensionReason))
            .ToListAsync();
        if (!string.IsNullOrEmpty(UserId) && await users.FindByIdAsync(UserId) is { } chosen)
        {
            Chosen = new AccountRow(chosen.Id, chosen.DisplayName, chosen.UserName ?? "", chosen.SuspendedAt, chosen.SuspendedUntil, chosen.SuspensionReason);
            ChosenIsAdmin = await users.IsInRoleAsync(chosen, Roles.Admin);
            ChosenRefusal = await RefusalAsync(chosen);
        }
    }

    public bool IsSuspended(AccountRow row) => Suspensions.IsActive(row.SuspendedAt, row.SuspendedUntil, Now);

    public string Status(AccountRow row) =>
        !IsSuspended(row) ? l["Active"]
        : row.SuspendedUntil is { } until ? l["Suspended until {0} (UTC): {1}", Utc(until), row.SuspensionReason ?? ""]
        : l["Suspended until lifted: {0}", row.SuspensionReason ?? ""];

    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
