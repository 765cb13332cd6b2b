using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Web.Discussions;

/// <summary>
/// One message in a thread. A reflection is a post by a member in an assignment's thread
/// (/me/work and the progress table count the first one).
/// </summary>
public class Post
{
    public long Id { get; set; }
    public int ThreadId { get; set; }
    public string AuthorId { get; set; } = "";

    /// <summary>1, 2, 3… in the order the thread accepted the posts; never reused, never a gap.</summary>
    public int Number { get; set; }

    public string BodyMarkdown { get; set; } = "";

    /// <summary>Sanitised when written (<see cref="PostMarkdown"/>); pages never render Markdown.</summary>
    public string BodyHtml { get; set; } = "";

    public int RendererVersion { get; set; } = PostMarkdown.RendererVersion;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The post this one answers or quotes ("in reply to #n").</summary>
    public int? ReplyToNumber { get; set; }

    /// <summary>
    /// From the form, generated when it was shown: a double click or a retry after a timeout finds
    /// the post it already made instead of making a second one. Unique per author.
    /// </summary>
    public Guid IdempotencyKey { get; set; } = Guid.NewGuid();

    /// <summary>
    /// In a private reflection thread, a facilitator's reply is seen by the one student it answers
    /// (and the facilitators). Null everywhere else.
    /// </summary>
    public string? VisibleToUserId { get; set; }

    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>Deleted by the author: the number stays with a placeholder; the revisions stay for facilitators.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>
    /// Hidden pending review because enough members reported it (the group's threshold): a neutral placeholder
    /// for everyone but its author and the group's moderators, until approved or removed.
    /// </summary>
    public DateTimeOffset? HiddenAt { get; set; }

    /// <summary>Removed by a facilitator or moderator: the number stays, with the reason; restore puts the post back as it was.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
    public ModerationReason? RemovalReason { get; set; }
    public string? RemovalNote { get; set; }

    /// <summary>True when a site moderator or admin removed it from outside the group ("Removed by a moderator").</summary>
    public bool RemovedBySiteStaff { get; set; }
}

sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.ToTable("posts");
        // Page N of a thread is a range scan on this index (keyset by number, no OFFSET).
        post.HasIndex(p => new { p.ThreadId, p.Number }).IsUnique();
        // Has this member posted their reflection yet? (/me/work, the progress table, the post-first gate)
        post.HasIndex(p => new { p.AuthorId, p.ThreadId });
        post.HasIndex(p => new { p.AuthorId, p.IdempotencyKey }).IsUnique();
        post.Property(p => p.BodyMarkdown).HasMaxLength(PostMarkdown.MaxLength);
        post.Ignore(p => p.IsDeleted);
        post.Property(p => p.RemovalReason).HasConversion<string>().HasMaxLength(32);
        post.Property(p => p.RemovalNote).HasMaxLength(ModerationReasons.NoteMaxLength);
        post.HasOne<DiscussionThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        post.HasOne<User>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Cascade);
        post.HasOne<User>().WithMany().HasForeignKey(p => p.VisibleToUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Every text a post has had, the first submitted one as revision 1, so facilitators can always read it.</summary>
public class PostRevision
{
    public long Id { get; set; }
    public long PostId { get; set; }
    public int Revision { get; set; }
    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class PostRevisionConfiguration : IEntityTypeConfiguration<PostRevision>
{
    public void Configure(EntityTypeBuilder<PostRevision> revision)
    {
        revision.ToTable("post_revisions");
        revision.HasIndex(r => new { r.PostId, r.Revision }).IsUnique();
        revision.Property(r => r.BodyMarkdown).HasMaxLength(PostMarkdown.MaxLength);
        revision.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How far a reader has read a thread: the one personalisation ("new since your last visit").</summary>
public class ThreadRead
{
    public string UserId { get; set; } = "";
    public int ThreadId { get; set; }
    public int LastReadNumber { get; set; }
}

sealed class ThreadReadConfiguration : IEntityTypeConfiguration<ThreadRead>
{
    public void Configure(EntityTypeBuilder<ThreadRead> read)
    {
        read.ToTable("thread_reads");
        read.HasKey(r => new { r.UserId, r.ThreadId });
        read.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        read.HasOne<DiscussionThread>().WithMany().HasForeignKey(r => r.ThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}
