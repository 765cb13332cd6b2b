using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Admin;
using StudyGuide.Web.Data;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Accounts;

/// <summary>
/// The one-time link that creates the first administrator. Only its hash is stored; it expires,
/// and it is cleared as soon as an admin exists.
/// </summary>
public static class FirstAdminSetup
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    public static Task<bool> AnyAdminAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin), cancellationToken);

    /// <summary>A fresh token when the instance has no admin yet (each start replaces the previous one); otherwise null.</summary>
    public static async Task<string?> IssueTokenIfNoAdminAsync(AppDbContext db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var settings = await db.SiteSettings.SingleAsync(cancellationToken);
        if (await AnyAdminAsync(db, cancellationToken))
        {
            settings.SetupTokenHash = null;
            settings.SetupTokenExpiresAt = null;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var token = SecretTokens.New();
        settings.SetupTokenHash = SecretTokens.Hash(token);
        settings.SetupTokenExpiresAt = time.GetUtcNow() + TokenLifetime;
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public static bool Matches(SiteSettings settings, string? token, DateTimeOffset now) =>
        !string.IsNullOrEmpty(token)
        && settings.SetupTokenHash is { } expected
        && settings.SetupTokenExpiresAt > now
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecretTokens.Hash(token)), Encoding.ASCII.GetBytes(expected));
}
