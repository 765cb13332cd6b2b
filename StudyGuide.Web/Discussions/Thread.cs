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

/// <summary>A discussion in a group: a free thread, an assignment's reflection thread, or (later) a screening's.</summary>
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

    /// <summary>
    /// The number of the last accepted post, incremented in the posting transaction. Numbers have no
    /// gaps (deleted posts keep theirs), so it is also the post count and page N is a plain number range.
    /// </summary>
    public int LastPostNumber { get; set; }

    /// <summary>Null until the first post; the "latest reply first" order.</summary>
    public DateTimeOffset? LastPostAt { get; set; }
}

sealed class DiscussionThreadConfiguration : IEntityTypeConfiguration<DiscussionThread>
{
    public void Configure(EntityTypeBuilder<DiscussionThread> thread)
    {
        thread.ToTable("threads");
        thread.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        thread.Property(t => t.Title).HasMaxLength(DiscussionThread.TitleMaxLength);
        // The thread list's two orders: by time started, and by latest reply.
        thread.HasIndex(t => new { t.GroupId, t.CreatedAt });
        thread.HasIndex(t => new { t.GroupId, t.LastPostAt });
        // One reflection thread per assignment.
        thread.HasIndex(t => t.AssignmentId).IsUnique();
        thread.HasOne<Group>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        thread.HasOne<Assignment>().WithOne().HasForeignKey<DiscussionThread>(t => t.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
