using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Web.Groups;

/// <summary>
/// A user's private calendar feed. Only the SHA-256 of the token is stored, so the URL is shown
/// once; making a new one replaces the hash and the old URL stops working.
/// </summary>
public class CalendarFeed
{
    public string UserId { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> feed)
    {
        feed.ToTable("calendar_feeds");
        feed.HasKey(f => f.UserId);
        feed.Property(f => f.TokenHash).HasMaxLength(64);
        feed.HasIndex(f => f.TokenHash).IsUnique();
        feed.HasOne<User>().WithOne().HasForeignKey<CalendarFeed>(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
