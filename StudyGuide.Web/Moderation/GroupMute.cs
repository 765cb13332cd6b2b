using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Moderation;

/// <summary>A member muted in one group until a date: they read, but neither post nor report. It ends by itself.</summary>
public class GroupMute
{
    public int GroupId { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset Until { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByUserId { get; set; } = "";

    public bool IsActiveAt(DateTimeOffset now) => Until > now;
}

sealed class GroupMuteConfiguration : IEntityTypeConfiguration<GroupMute>
{
    public void Configure(EntityTypeBuilder<GroupMute> mute)
    {
        mute.ToTable("group_mutes");
        mute.HasKey(m => new { m.GroupId, m.UserId });
        mute.Property(m => m.Reason).HasMaxLength(ModerationReasons.NoteMaxLength);
        mute.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        mute.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        mute.HasOne<User>().WithMany().HasForeignKey(m => m.CreatedByUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
