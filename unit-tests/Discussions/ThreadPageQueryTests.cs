using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Bench;

namespace StudyGuide.Tests.Discussions;

/// <summary>
/// A thread page costs the same few SQL commands whatever its number (keyset by post number, the
/// count kept in the thread row). Counts commands, never time: the bench measures speed. The count is
/// the bench switch's own (every command Npgsql sends, EF's or not, reported per request in X-Bench-Sql); the accounts
/// feature's cookie check is already kept in memory when it is taken.
/// </summary>
public class ThreadPageQueryTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task Every_page_of_a_long_thread_takes_the_same_sql_commands_whatever_its_number()
    {
        app.WithSetting("StudyGuide:Bench", "true");
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var thread = await app.FreeThreadAsync(group, teacher);
        for (var i = 1; i <= 120; i++) await app.PostAsync(thread, teacher, $"Post {i}");
        var browser = await app.SignedInAsync(member);
        // The cookie check is read once and then kept in memory while the app listens for account changes.
        await app.ListeningForAccountChangesAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/groups")).StatusCode);

        var counts = new List<int>();
        foreach (var page in new[] { 1, 3, 2, 3 })
        {
            var response = await browser.GetAsync($"/threads/{thread.Id}?page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add(int.Parse(response.Headers.GetValues("X-Bench-Sql").Single(), CultureInfo.InvariantCulture));
        }

        // The thread with the reader's access and the page's posts in one round trip; and on pages
        // read for the first time (1, then 3), the new read position.
        Assert.Equal([2, 2, 1, 1], counts);
    }
}

/// <summary>What the thread page's access query asks PostgreSQL to do, read from the SQL it sends.</summary>
public class ThreadAccessQueryTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task Opening_a_thread_reads_its_group_by_key_without_numbering_every_group()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        // Other groups, so a query that numbered every group would have something to number.
        for (var i = 0; i < 3; i++) await app.GroupAsync(teacher);
        var thread = await app.FreeThreadAsync(group, teacher);
        await app.PostAsync(thread, teacher, "Hello");
        var browser = await app.SignedInAsync(member);

        using var recorder = app.RecordSql();
        var response = await browser.GetAsync($"/threads/{thread.Id}?page=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accessQuery = Assert.Single(recorder.Commands, sql => sql.Contains("FROM threads", StringComparison.Ordinal));
        // EF wrote db.Groups.First(g => g.Id == t.GroupId) as ROW_NUMBER() OVER every group: a scan of all groups per page.
        Assert.DoesNotContain("ROW_NUMBER", accessQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("JOIN groups", accessQuery, StringComparison.Ordinal);
        // The page's posts travel in the same command.
        Assert.Contains("FROM posts p JOIN users", accessQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_posts_is_read_in_number_order_without_sorting_even_in_the_generic_plan()
    {
        var teacher = await app.UserAsync("plan-teacher", Roles.Teacher);
        var member = await app.UserAsync("plan-member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var thread = await app.FreeThreadAsync(group, teacher);
        for (var i = 1; i <= 60; i++) await app.PostAsync(thread, i % 2 == 0 ? teacher : member, $"Post {i}");
        var browser = await app.SignedInAsync(member);

        using var recorder = app.RecordSql();
        var page = await browser.GetStringAsync($"/threads/{thread.Id}?page=2");

        // Page 2 holds posts 51 to 60, in order.
        var numbers = Regex.Matches(page, "<article[^>]* id=\"post-(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(51, 10), numbers);
        var command = Assert.Single(recorder.Commands, sql => sql.Contains("FROM threads", StringComparison.Ordinal));
        var postsQuery = command[(command.IndexOf(';', StringComparison.Ordinal) + 1)..]
            .Replace("@thread", "$1", StringComparison.Ordinal).Replace("@after", "$2", StringComparison.Ordinal).Replace("@count", "$3", StringComparison.Ordinal);
        // The app's statements are prepared, and after five runs PostgreSQL may keep one plan for all values.
        // That plan once guessed a single row for the page, hashed the posts with their bodies and sorted them.
        var plan = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE posts; ANALYZE users");
            await using var explain = db.Database.GetDbConnection().CreateCommand();
            explain.CommandText = $"SET plan_cache_mode = force_generic_plan; PREPARE page_plan(int, int, int) AS {postsQuery}; EXPLAIN (FORMAT JSON) EXECUTE page_plan({thread.Id}, 50, 50); DEALLOCATE page_plan; RESET plan_cache_mode";
            return (string)(await explain.ExecuteScalarAsync())!;
        });
        Assert.Contains("ix_posts_thread_id_number", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Sort\"", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Hash\"", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_thread_group_and_posts_read_by_hand_are_the_ones_ef_reads_property_for_property()
    {
        var teacher = await app.UserAsync("mapping-teacher", Roles.Teacher, displayName: "Mapping Teacher");
        var starter = await app.UserAsync("mapping-starter");
        var student = await app.UserAsync("mapping-student");
        var group = await app.GroupAsync(teacher, GroupKind.Club, MemberListVisibility.Hidden, timeZone: "America/Montreal");
        var thread = await app.ReflectionThreadAsync(group, teacher, ReflectionMode.PostFirst);
        await app.PostAsync(thread, teacher, "First");
        // Every column holds a value that is not its type's default, and the times differ from each other:
        // a column ThreadAccess left out, or read into the wrong property, cannot match EF by chance.
        var at = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(g => g
                .SetProperty(x => x.Description, "Described")
                .SetProperty(x => x.OnlyFacilitatorsStartThreads, true)
                .SetProperty(x => x.PreModeration, true)
                .SetProperty(x => x.ReportThreshold, 5)
                .SetProperty(x => x.CreatedAt, at.AddDays(-30)));
            await db.Threads.Where(t => t.Id == thread.Id).ExecuteUpdateAsync(t => t
                .SetProperty(x => x.CreatedByUserId, starter.Id)
                .SetProperty(x => x.CreatedAt, at.AddDays(-20))
                .SetProperty(x => x.LastPostAt, at.AddDays(-3))
                .SetProperty(x => x.ActivityAt, at.AddDays(-2))
                .SetProperty(x => x.MemberActivityAt, at.AddDays(-1))
                .SetProperty(x => x.LockedAt, at.AddHours(-10))
                .SetProperty(x => x.LockReason, "Locked for the test")
                .SetProperty(x => x.SlowModeMinutes, 15));
            await db.Database.ExecuteSqlAsync($"INSERT INTO thread_reads (user_id, thread_id, last_read_number) VALUES ({teacher.Id}, {thread.Id}, 1)");
            return await db.Posts.Where(p => p.ThreadId == thread.Id).ExecuteUpdateAsync(p => p
                .SetProperty(x => x.ReplyToNumber, 7)
                .SetProperty(x => x.VisibleToUserId, student.Id)
                .SetProperty(x => x.EditedAt, at.AddHours(-5))
                .SetProperty(x => x.DeletedAt, at.AddHours(-4))
                .SetProperty(x => x.HiddenAt, at.AddHours(-3))
                .SetProperty(x => x.RemovedAt, at.AddHours(-2))
                .SetProperty(x => x.RemovalReason, StudyGuide.Web.Moderation.ModerationReason.Other)
                .SetProperty(x => x.RemovalNote, "Removed for the test")
                .SetProperty(x => x.RemovedBySiteStaff, true));
        });

        var access = await app.WithDbAsync(db => ThreadAccess.FindAsync(db, thread.Id, Principal(teacher), app.Services.GetRequiredService<ThreadPaging>(), page: 1));
        var (model, efThread, efGroup, efPosts) = await app.WithDbAsync(async db => (
            db.Model,
            await db.Threads.AsNoTracking().SingleAsync(t => t.Id == thread.Id),
            await db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id),
            await ThreadPosts.NumbersAsync(db, thread.Id, [1])));

        Assert.NotNull(access);
        AssertSameMappedValues(model, efThread, access.Thread);
        AssertSameMappedValues(model, efGroup, access.Group.Group);
        var efPost = Assert.Single(efPosts);
        var post = Assert.Single(access.PostsOfPage(1)!);
        foreach (var property in typeof(PostRow).GetProperties().Where(p => p.SetMethod is not null))
            AssertSameValue($"{nameof(PostRow)}.{property.Name}", property.GetValue(efPost), property.GetValue(post));
        Assert.Equal(ReflectionMode.PostFirst, access.Mode);
        // The teacher's one post is removed: a removed post does not open the post-first gate.
        Assert.False(access.HasPosted);
        Assert.Equal(MembershipRole.Facilitator, access.Group.Role);
        Assert.Equal(1, access.LastReadNumber);
    }

    // Every property EF maps for the entity (so a column added to it later is covered without editing this test):
    // EF's value must be seeded (not the type's default) and ThreadAccess must have read the same.
    static void AssertSameMappedValues<T>(IModel model, T expected, T actual)
    {
        var entityType = model.FindEntityType(typeof(T));
        Assert.NotNull(entityType);
        foreach (var property in entityType.GetProperties())
        {
            var clrProperty = property.PropertyInfo;
            Assert.True(clrProperty is not null, $"{typeof(T).Name}.{property.Name} is a shadow property: read it in ThreadAccess and check it here.");
            AssertSameValue($"{typeof(T).Name}.{property.Name}", clrProperty.GetValue(expected), clrProperty.GetValue(actual));
        }
    }

    static void AssertSameValue(string name, object? expected, object? actual)
    {
        Assert.False(IsDefault(expected), $"{name}: the test seeds its type's default ({expected ?? "null"}), which a missing mapping would also give; seed another value.");
        Assert.True(Equals(expected, actual), $"{name}: {expected} read by EF, {actual ?? "null"} by ThreadAccess.");
    }

    static bool IsDefault(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        _ => value.Equals(Activator.CreateInstance(value.GetType())),
    };

    static ClaimsPrincipal Principal(User user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], "test"));
}
