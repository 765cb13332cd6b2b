using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Moderation;

public enum HoldReason
{
    /// <summary>The group has pre-moderation on.</summary>
    PreModeration,
    /// <summary>The text contains a watched word whose action is "hold for approval".</summary>
    WatchedWord,
}

/// <summary>
/// A new post, or an edit of one, waiting for a facilitator's approval. It is not a post yet: it has no number
/// and is in no query that reads posts, so nobody but its author and the group's moderators can learn of it
/// (not its number, not through counts or "new since" markers). Approval makes it a post with the thread's next
/// number (or applies the edit) and deletes this row; refusal keeps it, marked, for its author to read.
/// </summary>
public class HeldPost
{
    public long Id { get; set; }
    public int ThreadId { get; set; }
    public string AuthorId { get; set; } = "";

    /// <summary>Set for an edit: the post whose text this would replace.</summary>
    public long? EditOfPostId { get; set; }

    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public int? ReplyToNumber { get; set; }
    public string? VisibleToUserId { get; set; }

    /// <summary>The form's key: the post made on approval carries it, so a resubmitted form finds this row or that post.</summary>
    public Guid IdempotencyKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public HoldReason Reason { get; set; }
    public string? MatchedWord { get; set; }

    public DateTimeOffset? RefusedAt { get; set; }
    public ModerationReason? RefusalReason { get; set; }
    public string? RefusalNote { get; set; }
}

sealed class HeldPostConfiguration : IEntityTypeConfiguration<HeldPost>
{
    public void Configure(EntityTypeBuilder<HeldPost> held)
    {
        held.ToTable("held_posts");
        held.Property(h => h.BodyMarkdown).HasMaxLength(PostMarkdown.MaxLength);
        held.Property(h => h.Reason).HasConversion<string>().HasMaxLength(32);
        held.Property(h => h.RefusalReason).HasConversion<string>().HasMaxLength(32);
        held.Property(h => h.RefusalNote).HasMaxLength(ModerationReasons.NoteMaxLength);
        held.Property(h => h.MatchedWord).HasMaxLength(WatchedWord.PhraseMaxLength);
        held.HasIndex(h => new { h.AuthorId, h.IdempotencyKey }).IsUnique();
        held.HasIndex(h => new { h.ThreadId, h.AuthorId });
        held.HasOne<DiscussionThread>().WithMany().HasForeignKey(h => h.ThreadId).OnDelete(DeleteBehavior.Cascade);
        held.HasOne<User>().WithMany().HasForeignKey(h => h.AuthorId).OnDelete(DeleteBehavior.Cascade);
        held.HasOne<User>().WithMany().HasForeignKey(h => h.VisibleToUserId).OnDelete(DeleteBehavior.Cascade);
        held.HasOne<Post>().WithMany().HasForeignKey(h => h.EditOfPostId).OnDelete(DeleteBehavior.Cascade);
    }
}
