using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Web.Groups;

public enum MembershipRole
{
    Member,
    Facilitator,
}

public class Membership
{
    public int GroupId { get; set; }
    public string UserId { get; set; } = "";
    public MembershipRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}

sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ToTable("memberships");
        membership.HasKey(m => new { m.GroupId, m.UserId });
        membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        // "My groups", /me/work and the calendar feed all start from the user's memberships.
        membership.HasIndex(m => m.UserId);
        membership.HasOne<Group>().WithMany(g => g.Memberships).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        membership.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
