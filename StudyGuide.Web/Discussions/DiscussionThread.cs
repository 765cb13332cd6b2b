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

    /// <summary>Null until the first post; shown as "last post" to readers who may know it.</summary>
    public DateTimeOffset? LastPostAt { get; set; }

    /// <summary>
    /// The facilitators' "latest reply first" key: the creation time, then the time of each new post. Stored
    /// (not computed per reader) so that an index on (group_id, activity_at, id) serves the list; moved only
    /// by <see cref="Posting.CreateAsync"/>'s numbering UPDATE. Edits and deletions do not move it: the list
    /// says "by time of the last post", and an edit bumping a thread would be an order with no visible reason
    /// (and a lever for bumping one's own thread to the top).
    /// </summary>
    public required DateTimeOffset ActivityAt { get; set; }

    /// <summary>
    /// The members' "latest reply first" key: posts a member may know of move it. It equals <see cref="ActivityAt"/>
    /// in free threads and open reflection threads, and stays at the creation time in post-first and private ones,
    /// where the time of a classmate's post is news about a post the reader cannot see.
    /// </summary>
    public required DateTimeOffset MemberActivityAt { get; set; }

    /// <summary>Locked by a facilitator or moderator: no new posts from members; the form is replaced by the reason.</summary>
    public DateTimeOffset? LockedAt { get; set; }
    public string? LockReason { get; set; }

    /// <summary>Slow mode: a member may post once per this many minutes. Null when off.</summary>
    public int? SlowModeMinutes { get; set; }
}

sealed class DiscussionThreadConfiguration : IEntityTypeConfiguration<DiscussionThread>
{
    public void Configure(EntityTypeBuilder<DiscussionThread> thread)
    {
        thread.ToTable("threads");
        thread.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        thread.Property(t => t.Title).HasMaxLength(DiscussionThread.TitleMaxLength);
        thread.Property(t => t.LockReason).HasMaxLength(Moderation.ModerationReasons.NoteMaxLength);
        // The thread list's keyset pages: one index per order, the id breaking ties on equal times.
        // "Oldest first" reads the creation index backwards.
        thread.HasIndex(t => new { t.GroupId, t.CreatedAt, t.Id }).IsDescending(false, true, true);
        thread.HasIndex(t => new { t.GroupId, t.ActivityAt, t.Id }).IsDescending(false, true, true);
        thread.HasIndex(t => new { t.GroupId, t.MemberActivityAt, t.Id }).IsDescending(false, true, true);
        // One reflection thread per assignment.
        thread.HasIndex(t => t.AssignmentId).IsUnique();
        thread.HasOne<Group>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        thread.HasOne<Assignment>().WithOne().HasForeignKey<DiscussionThread>(t => t.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
