using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyGuide.Tests.Discussions;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Moderation;

/// <summary>The review queues (/groups/{id}/moderation and /moderation): what they show, to whom, and what each button does.</summary>
public class ReviewQueueTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task Approve_unhides_the_post_resolves_its_reports_and_writes_one_log_entry()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        await app.HideAsync(c.Post);
        var teacher = await app.SignedInAsync(c.Teacher);

        var response = await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "Approve", c.Post.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ModerationWorld.QueueOf(c.Group), Forms.RedirectPath(response));
        var post = await app.PostRowAsync(c.Post.Id);
        Assert.Null(post.HiddenAt);
        Assert.Null(post.RemovedAt);
        Assert.False(await app.WithDbAsync(db => db.PostReports.AnyAsync(r => r.PostId == c.Post.Id && r.ResolvedAt == null)));
        var entry = Assert.Single(await app.LogOfGroupAsync(c.Group));
        Assert.Equal(ModerationAction.Approve, entry.Action);
        Assert.Equal(c.Teacher.Id, entry.ActorId);
        Assert.Equal(c.Author.Id, entry.TargetUserId);
        Assert.Equal(c.Post.Number, entry.PostNumber);
        Assert.Contains("Nothing is waiting for review.", await DiscussionWorld.ReadAsync(teacher, ModerationWorld.QueueOf(c.Group)));
    }

    [Fact]
    public async Task Remove_with_a_reason_removes_the_post_and_writes_one_log_entry()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter, ModerationReason.PersonalInformation);
        var teacher = await app.SignedInAsync(c.Teacher);

        var response = await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "Remove", c.Post.Id, ModerationReason.Other, "Phone number in the text");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var post = await app.PostRowAsync(c.Post.Id);
        Assert.NotNull(post.RemovedAt);
        Assert.Equal(ModerationReason.Other, post.RemovalReason);
        Assert.Equal("Phone number in the text", post.RemovalNote);
        Assert.False(post.RemovedBySiteStaff);
        Assert.Equal("A post to review", post.BodyMarkdown);
        var entry = Assert.Single(await app.LogOfGroupAsync(c.Group));
        Assert.Equal(ModerationAction.Remove, entry.Action);
        Assert.Equal("Other: Phone number in the text", entry.Reason);
    }

    [Theory]
    [InlineData(null, null, "Choose a reason.")]
    [InlineData("Other", "", "Say in the note why, when the reason is “Other”.")]
    [InlineData("Bogus", null, "Choose a reason.")]
    [InlineData("Bullying", "\u0007bell", "Remove the invisible control characters from this field.")]
    public async Task Remove_without_a_usable_reason_says_why_and_changes_nothing(string? reason, string? note, string message)
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        var teacher = await app.SignedInAsync(c.Teacher);
        var fields = new Dictionary<string, string> { ["Input.ItemId"] = c.Post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (reason is not null) fields["Input.Reason"] = reason;
        if (note is not null) fields["Input.Note"] = note;

        var response = await GroupWorld.PostFormAsync(teacher, ModerationWorld.QueueOf(c.Group) + "?handler=Remove", await GroupWorld.TokenAsync(teacher), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(message), await response.Content.ReadAsStringAsync());
        Assert.Null((await app.PostRowAsync(c.Post.Id)).RemovedAt);
        Assert.Empty(await app.LogOfGroupAsync(c.Group));
        Assert.True(await app.WithDbAsync(db => db.PostReports.AnyAsync(r => r.PostId == c.Post.Id && r.ResolvedAt == null)));
    }

    [Fact]
    public async Task Restore_puts_a_hidden_post_back_and_writes_one_log_entry()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        await app.HideAsync(c.Post);
        var teacher = await app.SignedInAsync(c.Teacher);

        Assert.Equal(HttpStatusCode.Redirect, (await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "Restore", c.Post.Id)).StatusCode);

        Assert.Null((await app.PostRowAsync(c.Post.Id)).HiddenAt);
        Assert.Equal(ModerationAction.Restore, Assert.Single(await app.LogOfGroupAsync(c.Group)).Action);
    }

    [Fact]
    public async Task Dismiss_resolves_the_reports_and_writes_one_log_entry_and_a_second_press_does_nothing()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        var teacher = await app.SignedInAsync(c.Teacher);

        await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "Dismiss", c.Post.Id);
        var again = await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "Dismiss", c.Post.Id);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Someone has already dealt with this item.", await DiscussionWorld.ReadAsync(teacher, ModerationWorld.QueueOf(c.Group)));
        Assert.False(await app.WithDbAsync(db => db.PostReports.AnyAsync(r => r.PostId == c.Post.Id && r.ResolvedAt == null)));
        var post = await app.PostRowAsync(c.Post.Id);
        Assert.Null(post.RemovedAt);
        Assert.Null(post.HiddenAt);
        Assert.Equal(ModerationAction.Dismiss, Assert.Single(await app.LogOfGroupAsync(c.Group)).Action);
    }

    [Fact]
    public async Task Approving_a_held_post_makes_it_the_threads_next_post_and_writes_one_log_entry()
    {
        var c = await app.ClassroomAsync();
        var held = await app.HoldAsync(c.Thread, c.Author, "Waiting for approval");
        var teacher = await app.SignedInAsync(c.Teacher);
        Assert.Contains("Waiting for approval", await DiscussionWorld.ReadAsync(teacher, ModerationWorld.QueueOf(c.Group)));

        Assert.Equal(HttpStatusCode.Redirect, (await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "ApproveHeld", held.Id)).StatusCode);

        var posts = await app.PostsAsync(c.Thread);
        Assert.Equal([1, 2], posts.Select(p => p.Number));
        Assert.Equal("Waiting for approval", posts[1].BodyMarkdown);
        Assert.False(await app.WithDbAsync(db => db.HeldPosts.AnyAsync(h => h.Id == held.Id)));
        var entry = Assert.Single(await app.LogOfGroupAsync(c.Group));
        Assert.Equal((ModerationAction.Approve, 2), (entry.Action, entry.PostNumber));
    }

    [Fact]
    public async Task Refusing_a_held_post_marks_it_with_the_reason_and_writes_one_log_entry()
    {
        var c = await app.ClassroomAsync();
        var held = await app.HoldAsync(c.Thread, c.Author, "Not this one");
        var teacher = await app.SignedInAsync(c.Teacher);

        Assert.Equal(HttpStatusCode.Redirect, (await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "RefuseHeld", held.Id, ModerationReason.OffTopic)).StatusCode);

        var row = await app.WithDbAsync(db => db.HeldPosts.AsNoTracking().SingleAsync(h => h.Id == held.Id));
        Assert.NotNull(row.RefusedAt);
        Assert.Equal(ModerationReason.OffTopic, row.RefusalReason);
        Assert.Single(await app.PostsAsync(c.Thread));
        Assert.Equal(ModerationAction.Remove, Assert.Single(await app.LogOfGroupAsync(c.Group)).Action);
        Assert.DoesNotContain("Not this one", await DiscussionWorld.ReadAsync(teacher, ModerationWorld.QueueOf(c.Group)));
    }

    [Fact]
    public async Task A_held_edit_shows_the_new_text_and_the_current_one()
    {
        var c = await app.ClassroomAsync("The text as it stands");
        await app.HoldAsync(c.Thread, c.Author, "The text it would become", editOf: c.Post.Id);
        var teacher = await app.SignedInAsync(c.Teacher);

        var html = await DiscussionWorld.ReadAsync(teacher, ModerationWorld.QueueOf(c.Group));

        TextOrder.AssertInOrder(html, "New text", "The text it would become", "Current text", "The text as it stands");
    }

    [Fact]
    public async Task When_the_log_cannot_be_written_the_action_changes_nothing()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        var teacher = await app.SignedInAsync(c.Teacher);
        var trigger = "moderation_log_fails_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the log is broken'; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON moderation_log FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """);
        try
        {
            var response = await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(c.Group), "Remove", c.Post.Id, ModerationReason.Bullying);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            await ExecuteAsync($"DROP TRIGGER {trigger} ON moderation_log; DROP FUNCTION {trigger}();");
        }

        var post = await app.PostRowAsync(c.Post.Id);
        Assert.Null(post.RemovedAt);
        Assert.Null(post.RemovalReason);
        Assert.True(await app.WithDbAsync(db => db.PostReports.AnyAsync(r => r.PostId == c.Post.Id && r.ResolvedAt == null)));
        Assert.Empty(await app.LogOfGroupAsync(c.Group));
    }

    [Fact]
    public async Task Self_harm_concerns_come_first_then_the_oldest()
    {
        var c = await app.ClassroomAsync("Oldest bullying report");
        var second = await app.PostAsync(c.Thread, c.Author, "Newer post held back");
        await app.ReportAsync(c.Post, c.Reporter, ModerationReason.Bullying);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.HoldAsync(c.Thread, c.Author, "Held in between");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var selfHarm = await app.PostAsync(c.Thread, c.Author, "Newest but a self-harm concern");
        await app.ReportAsync(selfHarm, c.Reporter, ModerationReason.SelfHarm);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.HideAsync(second);
        var teacher = await app.SignedInAsync(c.Teacher);

        var html = await DiscussionWorld.ReadAsync(teacher, ModerationWorld.QueueOf(c.Group));

        Assert.Contains("Self-harm concerns first, then oldest first.", html);
        TextOrder.AssertInOrder(html, "Newest but a self-harm concern", "Oldest bullying report", "Held in between", "Newer post held back");
    }

    [Fact]
    public async Task Site_staff_see_who_reported_and_facilitators_do_not()
    {
        var reporterName = GroupWorld.Unique("Reporting Rita");
        var c = await app.ClassroomAsync();
        var namedReporter = await app.UserAsync("rita", displayName: reporterName);
        await app.AddAsync(c.Group, namedReporter);
        await app.ReportAsync(c.Post, namedReporter, ModerationReason.Other, "Unkind words");
        var moderator = await app.SignedInAsync(await app.UserAsync("moderator", Roles.Moderator));
        var teacher = await app.SignedInAsync(c.Teacher);

        var siteQueue = await DiscussionWorld.ReadAsync(moderator, "/moderation");
        var groupQueueForModerator = await DiscussionWorld.ReadAsync(moderator, ModerationWorld.QueueOf(c.Group));
        var groupQueueForTeacher = await DiscussionWorld.ReadAsync(teacher, ModerationWorld.QueueOf(c.Group));

        Assert.Contains(reporterName, siteQueue);
        Assert.Contains(reporterName, groupQueueForModerator);
        Assert.Contains("Unkind words", groupQueueForTeacher);
        Assert.DoesNotContain(reporterName, groupQueueForTeacher);
    }

    [Fact]
    public async Task Each_item_shows_its_authors_last_five_moderation_entries_in_that_group_newest_first()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        await app.WithDbAsync(db =>
        {
            for (var i = 1; i <= 7; i++)
                ModerationLog.Add(db, new ModerationActor(c.Teacher.Id, "T"), ModerationAction.Remove, app.Clock.GetUtcNow().AddMinutes(-i),
                    c.Group.Id, c.Thread.Id, 1, c.Author.Id, c.Author.DisplayName, reason: $"Other: history note {i}");
            ModerationLog.Add(db, new ModerationActor(c.Teacher.Id, "T"), ModerationAction.Remove, app.Clock.GetUtcNow(),
                c.Group.Id + 100000, null, null, c.Author.Id, c.Author.DisplayName, reason: "Other: another group's note");
            return db.SaveChangesAsync();
        });
        var teacher = await app.SignedInAsync(c.Teacher);

        var html = await DiscussionWorld.ReadAsync(teacher, ModerationWorld.QueueOf(c.Group));

        TextOrder.AssertInOrder(html, "history note 7", "history note 6", "history note 5", "history note 4", "history note 3");
        Assert.DoesNotContain("history note 2", html);
        Assert.DoesNotContain("another group", html);
    }

    [Fact]
    public async Task Members_are_refused_outsiders_get_404_site_moderators_get_in_and_visitors_sign_in()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        var otherTeacher = await app.UserAsync("other-teacher", Roles.Teacher);
        await app.GroupAsync(otherTeacher);
        var member = await app.SignedInAsync(c.Reporter);
        var outsider = await app.SignedInAsync(otherTeacher);
        var moderator = await app.SignedInAsync(await app.UserAsync("moderator", Roles.Moderator));
        var visitor = app.CreateBrowser();
        string[] groupPages = [ModerationWorld.QueueOf(c.Group), ModerationWorld.QueueOf(c.Group) + "/log"];

        foreach (var url in groupPages)
        {
            Assert.StartsWith("/account/access-denied", Forms.RedirectPath(await member.GetAsync(url)));
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(url)).StatusCode);
            Assert.StartsWith("/account/sign-in", Forms.RedirectPath(await visitor.GetAsync(url)));
        }
        foreach (var url in new[] { "/moderation", "/moderation/log" })
        {
            Assert.StartsWith("/account/access-denied", Forms.RedirectPath(await member.GetAsync(url)));
            Assert.StartsWith("/account/access-denied", Forms.RedirectPath(await outsider.GetAsync(url)));
            Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(url)).StatusCode);
            Assert.StartsWith("/account/sign-in", Forms.RedirectPath(await visitor.GetAsync(url)));
        }

        // The buttons too: a member is refused, and another group's facilitator finds nothing.
        Assert.StartsWith("/account/access-denied", Forms.RedirectPath(await ModerationWorld.ActAsync(member, ModerationWorld.QueueOf(c.Group), "Approve", c.Post.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await ModerationWorld.ActAsync(outsider, ModerationWorld.QueueOf(c.Group), "Approve", c.Post.Id)).StatusCode);
        Assert.Empty(await app.LogOfGroupAsync(c.Group));
    }

    [Fact]
    public async Task A_post_from_another_group_cannot_be_acted_on_through_ones_own_groups_queue()
    {
        var mine = await app.ClassroomAsync();
        var theirs = await app.ClassroomAsync("Someone else's post");
        await app.ReportAsync(theirs.Post, theirs.Reporter);
        var held = await app.HoldAsync(theirs.Thread, theirs.Author, "Someone else's held post");
        var teacher = await app.SignedInAsync(mine.Teacher);

        Assert.Equal(HttpStatusCode.NotFound, (await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(mine.Group), "Remove", theirs.Post.Id, ModerationReason.Bullying)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(mine.Group), "ApproveHeld", held.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ModerationWorld.ActAsync(teacher, ModerationWorld.QueueOf(mine.Group), "Approve", long.MaxValue)).StatusCode);

        Assert.Null((await app.PostRowAsync(theirs.Post.Id)).RemovedAt);
        Assert.True(await app.WithDbAsync(db => db.HeldPosts.AnyAsync(h => h.Id == held.Id)));
        Assert.Empty(await app.LogOfGroupAsync(theirs.Group));
    }

    [Fact]
    public async Task A_site_moderator_removes_from_the_site_queue_as_a_moderator()
    {
        var c = await app.ClassroomAsync();
        await app.ReportAsync(c.Post, c.Reporter);
        var moderator = await app.SignedInAsync(await app.UserAsync("moderator", Roles.Moderator));

        var response = await ModerationWorld.ActAsync(moderator, "/moderation", "Remove", c.Post.Id, ModerationReason.Bullying);

        Assert.Equal("/moderation", Forms.RedirectPath(response));
        Assert.True((await app.PostRowAsync(c.Post.Id)).RemovedBySiteStaff);
        Assert.Equal(ModerationAction.Remove, Assert.Single(await app.LogOfGroupAsync(c.Group)).Action);
    }

    async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
