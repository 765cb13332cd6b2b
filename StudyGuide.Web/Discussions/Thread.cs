using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Discussions;

public enum ThreadKind
{
    Free,
    Assignment,
    Screening,
}

/// <summary>
/// A discussion in a group. Minimal for now (the groups issue creates assignment threads);
/// the discussions issue adds the mechanics.
/// </summary>
public class DiscussionThread
{
    public const int TitleMaxLength = 200;

    public int Id { get; set; }
    public int GroupId { get; set; }
    public ThreadKind Kind { get; set; }
    public int? AssignmentId { get; set; }
    public string Title { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByUserId { get; set; } = "";
}

sealed class DiscussionThreadConfiguration : IEntityTypeConfiguration<DiscussionThread>
{
    public void Configure(EntityTypeBuilder<DiscussionThread> thread)
    {
        thread.ToTable("threads");
        thread.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        thread.Property(t => t.Title).HasMaxLength(DiscussionThread.TitleMaxLength);
        thread.HasIndex(t => new { t.GroupId, t.CreatedAt });
        // One reflection thread per assignment.
        thread.HasIndex(t => t.AssignmentId).IsUnique();
        thread.HasOne<Group>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        thread.HasOne<Assignment>().WithOne().HasForeignKey<DiscussionThread>(t => t.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
