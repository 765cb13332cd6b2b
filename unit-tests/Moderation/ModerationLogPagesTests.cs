using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using StudyGuide.Tests.Discussions;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Moderation;

/// <summary>The moderation logs (/groups/{id}/moderation/log and /moderation/log): append-only, newest first, paged by id, filtered.</summary>
public partial class ModerationLogPagesTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [GeneratedRegex("""href="([^"]*before=\d+[^"]*)">Older entries""")]
    private static partial Regex OlderLink();

    /// <summary>Writes <paramref name="count"/> entries in the group, each reason "entry N" (1 is the oldest).</summary>
    async Task SeedAsync(ModerationWorld.Classroom c, int count, ModerationAction action = ModerationAction.Remove, string actorName = "Teacher", string prefix = "entry")
    {
        await app.WithDbAsync(db =>
        {
            for (var i = 1; i <= count; i++)
                ModerationLog.Add(db, new ModerationActor(c.Teacher.Id, actorName), action, app.Clock.GetUtcNow(), c.Group.Id, c.Thread.Id, c.Post.Number,
                    c.Author.Id, c.Author.DisplayName, reason: $"{prefix} {i:000}");
            return db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task The_log_refuses_update_delete_and_truncate()
    {
        var c = await app.ClassroomAsync();
        await SeedAsync(c, 1);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();

        foreach (var sql in new[] { "UPDATE moderation_log SET reason = 'rewritten'", "DELETE FROM moderation_log", "TRUNCATE moderation_log" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }

        var entries = await app.LogOfGroupAsync(c.Group);
        Assert.Equal("entry 001", Assert.Single(entries).Reason);
    }

    [Fact]
    public async Task The_group_log_pages_newest_first_by_id()
    {
        var c = await app.ClassroomAsync();
        await SeedAsync(c, ModerationLogReader.PageSize * 2 + 5);
        var teacher = await app.SignedInAsync(c.Teacher);

        var first = await DiscussionWorld.ReadAsync(teacher, $"/groups/{c.Group.Id}/moderation/log");
        TextOrder.AssertInOrder(first, "entry 105", "entry 104", "entry 056");
        Assert.DoesNotContain("entry 055", first);
        var second = await DiscussionWorld.ReadAsync(teacher, WebUtility.HtmlDecode(OlderLink().Match(first).Groups[1].Value));
        TextOrder.AssertInOrder(second, "entry 055", "entry 006");
        Assert.DoesNotContain("entry 056", second);
        Assert.DoesNotContain("entry 005", second);
        var third = await DiscussionWorld.ReadAsync(teacher, WebUtility.HtmlDecode(OlderLink().Match(second).Groups[1].Value));
        TextOrder.AssertInOrder(third, "entry 005", "entry 001");
        Assert.DoesNotMatch(OlderLink(), third);
        Assert.Contains("Newest entries", third);
    }

    [Fact]
    public async Task The_group_log_shows_only_that_groups_entries_with_a_link_to_the_post()
    {
        var c = await app.ClassroomAsync();
        var other = await app.ClassroomAsync();
        await SeedAsync(c, 1, prefix: "ours");
        await SeedAsync(other, 1, prefix: "theirs");
        var teacher = await app.SignedInAsync(c.Teacher);

        var html = await DiscussionWorld.ReadAsync(teacher, $"/groups/{c.Group.Id}/moderation/log");

        Assert.Contains("ours 001", html);
        Assert.DoesNotContain("theirs 001", html);
        Assert.Contains(WebUtility.HtmlEncode(c.Thread.Title), html);
        Assert.Contains($"href=\"/threads/{c.Thread.Id}/posts/{c.Post.Number}\"", html);
        Assert.Contains("Removed", html);
    }

    [Fact]
    public async Task The_site_log_filters_by_group_actor_and_action()
    {
        var a = await app.ClassroomAsync();
        var b = await app.ClassroomAsync();
        var actorName = GroupWorld.Unique("Mod Mona");
        await SeedAsync(a, 1, ModerationAction.Remove, prefix: "a-remove");
        await SeedAsync(a, 1, ModerationAction.Approve, prefix: "a-approve");
        await SeedAsync(b, 1, ModerationAction.Remove, actorName: actorName, prefix: "b-remove");
        var moderator = await app.SignedInAsync(await app.UserAsync("moderator", Roles.Moderator));

        var byGroup = await DiscussionWorld.ReadAsync(moderator, $"/moderation/log?group={a.Group.Id}");
        Assert.Contains("a-remove 001", byGroup);
        Assert.Contains("a-approve 001", byGroup);
        Assert.DoesNotContain("b-remove 001", byGroup);

        var byAction = await DiscussionWorld.ReadAsync(moderator, $"/moderation/log?group={a.Group.Id}&action=Approve");
        Assert.Contains("a-approve 001", byAction);
        Assert.DoesNotContain("a-remove 001", byAction);

        var byActorName = await DiscussionWorld.ReadAsync(moderator, $"/moderation/log?actor={Uri.EscapeDataString(actorName.ToUpperInvariant())}");
        Assert.Contains("b-remove 001", byActorName);
        Assert.DoesNotContain("a-remove 001", byActorName);

        var byActorId = await DiscussionWorld.ReadAsync(moderator, $"/moderation/log?actor={b.Teacher.Id}");
        Assert.Contains("b-remove 001", byActorId);
        Assert.DoesNotContain("a-remove 001", byActorId);

        var unreadable = await DiscussionWorld.ReadAsync(moderator, "/moderation/log?action=Explode");
        Assert.Contains("These filters cannot be read", unreadable);
        Assert.DoesNotContain("a-remove 001", unreadable);
    }

    [Fact]
    public async Task The_site_log_pages_keep_the_filters()
    {
        var c = await app.ClassroomAsync();
        await SeedAsync(c, ModerationLogReader.PageSize + 1);
        var moderator = await app.SignedInAsync(await app.UserAsync("moderator", Roles.Moderator));

        var first = await DiscussionWorld.ReadAsync(moderator, $"/moderation/log?group={c.Group.Id}&action=Remove");
        var older = WebUtility.HtmlDecode(OlderLink().Match(first).Groups[1].Value);

        Assert.Contains($"group={c.Group.Id}", older);
        Assert.Contains("action=Remove", older);
        var second = await DiscussionWorld.ReadAsync(moderator, older);
        Assert.Contains("entry 001", second);
        Assert.DoesNotContain("entry 002", second);
    }

    [Fact]
    public async Task Actions_from_the_queue_appear_in_the_group_log()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        var teacher = await app.SignedInAsync(c.Teacher);
        await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "Remove", c.Post.Id, ModerationReason.PersonalInformation);

        var html = await DiscussionWorld.ReadAsync(teacher, $"/groups/{c.Group.Id}/moderation/log");

        Assert.Contains("Personal information", html);
        Assert.Contains(WebUtility.HtmlEncode(c.Teacher.DisplayName), html);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/groups/{c.Group.Id}/moderation/log?before=1")).StatusCode);
    }
}
