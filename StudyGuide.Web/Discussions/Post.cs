using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Web.Discussions;

/// <summary>
/// One message in a thread. Minimal for now: the groups issue only needs to know who posted a
/// reflection and when; the discussions issue adds the mechanics (numbering, editing, moderation).
/// </summary>
public class Post
{
    public long Id { get; set; }
    public int ThreadId { get; set; }
    public string AuthorId { get; set; } = "";

    /// <summary>1, 2, 3… in the order the thread accepted the posts.</summary>
    public int Number { get; set; }

    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.ToTable("posts");
        post.HasIndex(p => new { p.ThreadId, p.Number }).IsUnique();
        // Has this member posted their reflection yet? (/me/work, the progress table)
        post.HasIndex(p => new { p.AuthorId, p.ThreadId });
        post.HasOne<DiscussionThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        post.HasOne<User>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
