using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Moderation;

/// <summary>A member's report of a post. One per person per post; open until a facilitator or moderator deals with the post.</summary>
public class PostReport
{
    public long Id { get; set; }
    public long PostId { get; set; }
    public string ReporterId { get; set; } = "";
    public ModerationReason Reason { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the post was approved, removed, restored or the reports dismissed: it leaves the queue.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

sealed class PostReportConfiguration : IEntityTypeConfiguration<PostReport>
{
    public void Configure(EntityTypeBuilder<PostReport> report)
    {
        report.ToTable("post_reports");
        report.Property(r => r.Reason).HasConversion<string>().HasMaxLength(32);
        report.Property(r => r.Note).HasMaxLength(ModerationReasons.NoteMaxLength);
        report.HasIndex(r => new { r.PostId, r.ReporterId }).IsUnique();
        // The queue: open reports.
        report.HasIndex(r => r.CreatedAt).HasFilter("resolved_at IS NULL");
        report.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        report.HasOne<User>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}
