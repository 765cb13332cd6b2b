using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Admin;
using StudyGuide.Web.Curriculum;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<User>(options), IDataProtectionKeyContext
{
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<StudentAccountBatch> StudentAccountBatches => Set<StudentAccountBatch>();
    public DbSet<DiscussionThread> Threads => Set<DiscussionThread>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();
    public DbSet<ThreadRead> ThreadReads => Set<ThreadRead>();
    public DbSet<PostReport> PostReports => Set<PostReport>();
    public DbSet<HeldPost> HeldPosts => Set<HeldPost>();
    public DbSet<GroupMute> GroupMutes => Set<GroupMute>();
    public DbSet<WatchedWord> WatchedWords => Set<WatchedWord>();
    public DbSet<ModerationLogEntry> ModerationLog => Set<ModerationLogEntry>();
    public DbSet<SafetyHelpText> SafetyHelpTexts => Set<SafetyHelpText>();
    public DbSet<CurriculumSearchRow> CurriculumSearchRows => Set<CurriculumSearchRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Identity's "AspNet" prefixes read badly in SQL; the snake_case convention does the rest.
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
    }
}
