using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyGuide.Web.Accounts;

public class User : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set by an admin or moderator; a suspended user is signed out on their next request and cannot sign in.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>When the suspension lifts by itself; null with <see cref="SuspendedAt"/> set: until lifted by hand.</summary>
    public DateTimeOffset? SuspendedUntil { get; set; }

    public string? SuspensionReason { get; set; }

    public const int SuspensionReasonMaxLength = 300;

    public bool IsSuspendedAt(DateTimeOffset now) => Suspensions.IsActive(SuspendedAt, SuspendedUntil, now);

    /// <summary>The facilitator who made this student account (no email); such accounts join only that facilitator's groups.</summary>
    public string? CreatedByUserId { get; set; }

    /// <summary>Set when a facilitator creates or resets the password; every page sends the user to change it first.</summary>
    public bool MustChangePassword { get; set; }
}

public static class Suspensions
{
    /// <summary>A suspension holds from when it was set until its end, if it has one.</summary>
    public static bool IsActive(DateTimeOffset? suspendedAt, DateTimeOffset? until, DateTimeOffset now) =>
        suspendedAt is not null && (until is null || until > now);

    /// <summary>What the sign-in page says to a suspended person: the reason, and the end if there is one.</summary>
    public static string SignInRefusal(User user, Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        var reason = string.IsNullOrWhiteSpace(user.SuspensionReason) ? l["no reason given"].Value : user.SuspensionReason;
        return user.SuspendedUntil is { } until
            ? l["This account is suspended until {0} (UTC). Reason: {1}", until.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), reason]
            : l["This account is suspended. Reason: {0}. Contact the site administrator.", reason];
    }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Moderator = "Moderator";
    public const string Teacher = "Teacher";

    public static readonly IReadOnlyList<string> All = [Admin, Moderator, Teacher];

    /// <summary>Staff accounts need longer passwords and may turn on two-factor authentication.</summary>
    public static readonly IReadOnlyList<string> Staff = All;
}

sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMaxLength);
        user.HasOne<User>().WithMany().HasForeignKey(u => u.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        user.HasIndex(u => u.CreatedByUserId);
        user.Property(u => u.SuspensionReason).HasMaxLength(User.SuspensionReasonMaxLength);
    }
}

sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> role)
    {
        role.ToTable("roles");
        // Fixed ids and stamps so the seed is stable across migrations.
        role.HasData(Roles.All.Select(name => new IdentityRole
        {
            Id = "role-" + name.ToLowerInvariant(),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = "seed-" + name.ToLowerInvariant(),
        }));
    }
}
