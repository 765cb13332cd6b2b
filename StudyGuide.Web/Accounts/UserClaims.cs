using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace StudyGuide.Web.Accounts;

public static class UserClaims
{
    public const string DisplayName = "studyguide:display_name";

    public static string DisplayNameOf(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";

    /// <summary>From the cookie: role changes update the security stamp, so the claims are never stale.</summary>
    public static bool IsStaff(ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);
}

/// <summary>Puts the display name in the sign-in cookie so pages can greet the reader without a query.</summary>
public sealed class UserClaimsFactory(UserManager<User> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(UserClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
