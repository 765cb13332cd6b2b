using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyGuide.Web.Groups;

public enum GroupKind
{
    Class,
    Club,
}

/// <summary>What ordinary members see of the member list; facilitators always see everyone.</summary>
public enum MemberListVisibility
{
    DisplayNames,
    Hidden,
}

public class Group
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2000;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public GroupKind Kind { get; set; }

    /// <summary>IANA id (Europe/Paris): due dates are typed and shown in this zone, stored in UTC.</summary>
    public string TimeZone { get; set; } = "";

    public MemberListVisibility MemberListVisibility { get; set; }

    /// <summary>When set, members reply but only facilitators start free discussions.</summary>
    public bool OnlyFacilitatorsStartThreads { get; set; }

    /// <summary>Normalised (8 characters, no hyphen); null when the facilitators turned joining by code off.</summary>
    public string? JoinCode { get; set; }

    /// <summary>Members' new posts and edits wait for a facilitator's approval. Suggested on for new classes.</summary>
    public bool PreModeration { get; set; }

    /// <summary>How many distinct members' reports hide a post pending review.</summary>
    public int ReportThreshold { get; set; } = DefaultReportThreshold;

    public const int DefaultReportThreshold = 3;

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByUserId { get; set; } = "";

    public List<Membership> Memberships { get; } = [];

    public TimeZoneInfo TimeZoneInfo => GroupTime.FindZone(TimeZone);
}

sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> group)
    {
        group.ToTable("groups");
        group.Property(g => g.Name).HasMaxLength(Group.NameMaxLength);
        group.Property(g => g.Description).HasMaxLength(Group.DescriptionMaxLength);
        group.Property(g => g.Kind).HasConversion<string>().HasMaxLength(16);
        group.Property(g => g.MemberListVisibility).HasConversion<string>().HasMaxLength(16);
        group.Property(g => g.TimeZone).HasMaxLength(64);
        group.Property(g => g.JoinCode).HasMaxLength(JoinCodes.Length);
        group.HasIndex(g => g.JoinCode).IsUnique();
        group.Ignore(g => g.TimeZoneInfo);
        group.Property(g => g.ReportThreshold).HasDefaultValue(Group.DefaultReportThreshold);
        group.ToTable(t => t.HasCheckConstraint("ck_groups_report_threshold", "report_threshold BETWEEN 1 AND 100"));
    }
}
