using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyGuide.Web.Admin;

/// <summary>The one row of instance-wide settings an admin can change.</summary>
public class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Off by default: students join through their group's code, not an open sign-up form.</summary>
    public bool AllowOpenRegistration { get; set; }

    /// <summary>Off by default: only teachers and admins create groups; on, any signed-in user may start a club.</summary>
    public bool AllowAnyoneToCreateClubs { get; set; }

    /// <summary>SHA-256 of the one-time first-admin setup token; null once an admin exists.</summary>
    public string? SetupTokenHash { get; set; }
    public DateTimeOffset? SetupTokenExpiresAt { get; set; }

    /// <summary>
    /// Random, made by the database when the row is created (or the column added) and never changed: it tells this
    /// installation's calendar events from another's, for someone who subscribes to two StudyGuide sites.
    /// </summary>
    public Guid InstallationId { get; private set; }
}

sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.ToTable(t => t.HasCheckConstraint("ck_site_settings_singleton", "id = 1"));
        settings.Property(s => s.SetupTokenHash).HasMaxLength(64);
        settings.Property(s => s.InstallationId).HasDefaultValueSql("gen_random_uuid()");
        settings.HasData(new SiteSettings());
    }
}
