using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Discussions;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Moderation;

/// <summary>Moderation as the thread page meets it: reports, removal, held posts, watched words, lock, slow mode, mute.</summary>
public class ThreadModerationTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    sealed record Class(Group Group, User Teacher, User[] Students, DiscussionThread Thread);

    async Task<Class> ClassAsync(int students = 4, bool preModeration = false)
    {
        var teacher = await app.UserAsync("mod-teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var members = new User[students];
        for (var i = 0; i < students; i++)
        {
            members[i] = await app.UserAsync("mod-student", displayName: $"Student {i}");
            await app.AddAsync(group, members[i]);
        }
        if (preModeration)
            await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(g => g.SetProperty(x => x.PreModeration, true)));
        var thread = await app.FreeThreadAsync(group, teacher);
        return new Class(group, teacher, members, thread);
    }

    static Task<HttpResponseMessage> ReportAsync(HttpClient browser, int threadId, int number, ModerationReason reason, string? note = null) =>
        Forms.PostAsync(browser, $"/threads/{threadId}/posts/{number}/report",
            new Dictionary<string, string> { ["Input.Reason"] = reason.ToString(), ["Input.Note"] = note ?? "" });

    Task<List<ModerationLogEntry>> LogAsync(Group group) =>
        app.WithDbAsync(db => db.ModerationLog.AsNoTracking().Where(e => e.GroupId == group.Id).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Three_members_reports_hide_a_post_for_the_others_but_not_for_its_author_and_the_teacher()
    {
        var c = await ClassAsync();
        var post = await app.PostAsync(c.Thread, c.Students[0], "A cruel remark about someone");

        for (var i = 1; i <= 2; i++)
        {
            var received = await ReportAsync(await app.SignedInAsync(c.Students[i]), c.Thread.Id, post.Number, ModerationReason.Bullying);
            Assert.Equal(HttpStatusCode.Redirect, received.StatusCode);
        }
        var observer = await app.SignedInAsync(c.Students[3]);
        Assert.Contains("A cruel remark", await DiscussionWorld.ReadAsync(observer, $"/threads/{c.Thread.Id}?page=1"));

        var third = await app.SignedInAsync(c.Students[3]);
        var response = await ReportAsync(third, c.Thread.Id, post.Number, ModerationReason.Bullying);
        Assert.Contains("your report was received", await DiscussionWorld.ReadAsync(third, Forms.RedirectPath(response)));

        var othersPage = await DiscussionWorld.ReadAsync(observer, $"/threads/{c.Thread.Id}?page=1");
        Assert.DoesNotContain("A cruel remark", othersPage);
        Assert.Contains("This post is hidden while a facilitator reviews it.", othersPage);
        Assert.Contains($"id=\"post-{post.Number}\"", othersPage);
        Assert.Contains("A cruel remark", await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Students[0]), $"/threads/{c.Thread.Id}?page=1"));
        Assert.Contains("A cruel remark", await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Teacher), $"/threads/{c.Thread.Id}?page=1"));

        var entry = Assert.Single(await LogAsync(c.Group));
        Assert.Equal(ModerationAction.HideByReports, entry.Action);
        Assert.Null(entry.ActorId);
        Assert.Equal(post.Number, entry.PostNumber);
    }

    [Fact]
    public async Task A_member_reports_a_post_once_and_never_their_own()
    {
        var c = await ClassAsync(students: 2);
        var post = await app.PostAsync(c.Thread, c.Students[0], "Something");
        var author = await app.SignedInAsync(c.Students[0]);
        var own = await DiscussionWorld.ReadAsync(author, $"/threads/{c.Thread.Id}/posts/{post.Number}/report");
        Assert.Contains("This is your own post.", own);
        Assert.DoesNotContain("Send the report", own);
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(author, c.Thread.Id, post.Number, ModerationReason.OffTopic)).StatusCode);

        var reporter = await app.SignedInAsync(c.Students[1]);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reporter, c.Thread.Id, post.Number, ModerationReason.OffTopic)).StatusCode);
        var again = await ReportAsync(reporter, c.Thread.Id, post.Number, ModerationReason.Misinformation);
        Assert.Contains("You have already reported this post.", await again.Content.ReadAsStringAsync());

        var reports = await app.WithDbAsync(db => db.PostReports.AsNoTracking().Where(r => r.PostId == post.Id).ToListAsync());
        var report = Assert.Single(reports);
        Assert.Equal(c.Students[1].Id, report.ReporterId);
        Assert.Equal(ModerationReason.OffTopic, report.Reason);
    }

    [Fact]
    public async Task Other_needs_a_note_and_a_report_without_a_reason_is_refused_with_nothing_stored()
    {
        var c = await ClassAsync(students: 2);
        var post = await app.PostAsync(c.Thread, c.Students[0], "Something");
        var reporter = await app.SignedInAsync(c.Students[1]);

        var noNote = await ReportAsync(reporter, c.Thread.Id, post.Number, ModerationReason.Other);
        Assert.Contains("Say in a few words what is wrong with the post.", await noNote.Content.ReadAsStringAsync());
        var noReason = await Forms.PostAsync(reporter, $"/threads/{c.Thread.Id}/posts/{post.Number}/report", new Dictionary<string, string>());
        var noReasonHtml = await noReason.Content.ReadAsStringAsync();
        Assert.Contains("Choose a reason.", noReasonHtml);
        Assert.Equal(0, await app.WithDbAsync(db => db.PostReports.CountAsync(r => r.PostId == post.Id)));
    }

    [Fact]
    public async Task A_self_harm_concern_shows_the_reporter_where_to_find_help_and_emails_the_facilitators()
    {
        var teacher = await app.CreateUserAsync(GroupWorld.Unique("harm-teacher"), GroupWorld.Password, Roles.Teacher, email: "teacher-harm@example.org");
        var group = await app.GroupAsync(teacher);
        var author = await app.UserAsync("harm-author");
        var reporter = await app.UserAsync("harm-reporter");
        await app.AddAsync(group, author);
        await app.AddAsync(group, reporter);
        var thread = await app.FreeThreadAsync(group, teacher);
        var post = await app.PostAsync(thread, author, "I do not see the point of anything any more");
        var browser = await app.SignedInAsync(reporter);

        var response = await ReportAsync(browser, thread.Id, post.Number, ModerationReason.SelfHarm);

        var confirmation = await DiscussionWorld.ReadAsync(browser, Forms.RedirectPath(response));
        Assert.Contains("Where to find help", confirmation);
        Assert.Contains("116 123", confirmation);
        Assert.Contains(app.Emails.Sent, m => m.To == "teacher-harm@example.org" && m.Subject.Contains(group.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_facilitator_removes_a_post_with_a_reason_and_restores_it_as_it_was()
    {
        var c = await ClassAsync(students: 2);
        var post = await app.PostAsync(c.Thread, c.Students[0], "My address is 12 Rue Example");
        var teacher = await app.SignedInAsync(c.Teacher);

        var removed = await Forms.PostAsync(teacher, $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(ModerationReason.PersonalInformation) },
            postUrl: $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var otherPage = await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Students[1]), $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("Removed by a facilitator: personal information", otherPage);
        Assert.DoesNotContain("12 Rue Example", otherPage);
        var authorPage = await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Students[0]), $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("Removed by a facilitator: personal information", authorPage);
        Assert.Contains("12 Rue Example", authorPage);
        var stored = Assert.Single(await app.PostsAsync(c.Thread));
        Assert.Equal(post.Number, stored.Number);
        Assert.Equal(post.BodyMarkdown, stored.BodyMarkdown);

        var restored = await Forms.PostAsync(teacher, $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation", new Dictionary<string, string>(),
            postUrl: $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation?handler=Restore");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var back = Assert.Single(await app.PostsAsync(c.Thread));
        Assert.Null(back.RemovedAt);
        Assert.Null(back.RemovalReason);
        Assert.Equal(post.BodyHtml, back.BodyHtml);
        Assert.Contains("12 Rue Example", await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Students[1]), $"/threads/{c.Thread.Id}?page=1"));

        Assert.Equal([ModerationAction.Remove, ModerationAction.Restore], (await LogAsync(c.Group)).Select(e => e.Action));
        Assert.All(await LogAsync(c.Group), e => Assert.Equal(c.Teacher.Id, e.ActorId));
    }

    [Fact]
    public async Task A_removal_and_its_log_entry_are_written_together_or_not_at_all()
    {
        var c = await ClassAsync(students: 1);
        var post = await app.PostAsync(c.Thread, c.Students[0], "Text that stays");
        var teacher = await app.SignedInAsync(c.Teacher);
        var page = await DiscussionWorld.ReadAsync(teacher, $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation");
        // The log refuses this group's entries for the length of the test: the removal must not be written without one.
        // The SQL is built from the group's id, an int: nothing outside the test reaches it.
#pragma warning disable EF1002
        var trigger = "refuse_log_" + c.Group.Id;
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.group_id = {c.Group.Id} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON moderation_log FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """));
        try
        {
            var response = await GroupWorld.PostFormAsync(teacher, $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation?handler=Remove",
                Forms.AntiforgeryToken(page), new Dictionary<string, string> { ["Input.Reason"] = nameof(ModerationReason.OffTopic) });
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"DROP TRIGGER {trigger} ON moderation_log; DROP FUNCTION {trigger}();"));
        }
#pragma warning restore EF1002
        var unchanged = Assert.Single(await app.PostsAsync(c.Thread));
        Assert.Null(unchanged.RemovedAt);
        Assert.Empty(await LogAsync(c.Group));
    }

    [Fact]
    public async Task The_moderation_log_refuses_update_delete_and_truncate_in_plain_sql()
    {
        var c = await ClassAsync(students: 1);
        var post = await app.PostAsync(c.Thread, c.Students[0], "x");
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Posts.SingleAsync(p => p.Id == post.Id);
            await ModerationActions.RemoveAsync(db, new GroupAccess(c.Group, c.Teacher.Id, MembershipRole.Facilitator, isAdmin: false),
                new ModerationActor(c.Teacher.Id, "T"), tracked, ModerationReason.OffTopic, null, app.Clock.GetUtcNow());
            return 0;
        });
        foreach (var sql in new[] { "UPDATE moderation_log SET reason = 'rewritten'", "DELETE FROM moderation_log", "TRUNCATE moderation_log" })
        {
            var error = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => app.WithDbAsync(async db =>
            {
                await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand(sql, connection);
                return await command.ExecuteNonQueryAsync();
            }));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
        Assert.Single(await LogAsync(c.Group));
    }

    [Fact]
    public async Task Under_pre_moderation_a_members_post_waits_unseen_and_gets_the_next_number_when_approved()
    {
        var c = await ClassAsync(students: 2, preModeration: true);
        await app.PostAsync(c.Thread, c.Teacher, "Welcome");
        var author = await app.SignedInAsync(c.Students[0]);

        var sent = await DiscussionWorld.ReplyAsync(author, c.Thread.Id, "My pending thought");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Single(await app.PostsAsync(c.Thread));
        var authorPage = await DiscussionWorld.ReadAsync(author, $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("My pending thought", authorPage);
        Assert.Contains("Awaiting approval", authorPage);
        var otherPage = await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Students[1]), $"/threads/{c.Thread.Id}?page=1");
        Assert.DoesNotContain("My pending thought", otherPage);
        Assert.DoesNotContain("post-2", otherPage);
        Assert.Equal(1, await app.WithDbAsync(db => db.Threads.Where(t => t.Id == c.Thread.Id).Select(t => t.LastPostNumber).SingleAsync()));
        // The facilitator's own posts never wait.
        await DiscussionWorld.ReplyAsync(await app.SignedInAsync(c.Teacher), c.Thread.Id, "Teacher reply");
        Assert.Equal(2, (await app.PostsAsync(c.Thread)).Count);

        await app.WithDbAsync(async db =>
        {
            var held = await db.HeldPosts.SingleAsync(h => h.ThreadId == c.Thread.Id);
            return await ModerationActions.ApproveHeldAsync(db, new GroupAccess(c.Group, c.Teacher.Id, MembershipRole.Facilitator, isAdmin: false),
                new ModerationActor(c.Teacher.Id, "T"), held, app.Clock.GetUtcNow());
        });

        var posts = await app.PostsAsync(c.Thread);
        Assert.Equal(["Welcome", "Teacher reply", "My pending thought"], posts.Select(p => p.BodyMarkdown));
        Assert.Equal([1, 2, 3], posts.Select(p => p.Number));
        Assert.Contains("My pending thought", await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Students[1]), $"/threads/{c.Thread.Id}?page=1"));
        Assert.Empty(await app.WithDbAsync(db => db.HeldPosts.Where(h => h.ThreadId == c.Thread.Id).ToListAsync()));
        Assert.Equal(ModerationAction.Approve, Assert.Single(await LogAsync(c.Group)).Action);
    }

    [Fact]
    public async Task Under_pre_moderation_an_edit_waits_and_the_post_keeps_its_text_until_approved()
    {
        var c = await ClassAsync(students: 2, preModeration: true);
        var post = await app.PostAsync(c.Thread, c.Students[0], "Original text");
        var author = await app.SignedInAsync(c.Students[0]);

        var edited = await Forms.PostAsync(author, $"/threads/{c.Thread.Id}/posts/{post.Number}/edit", new Dictionary<string, string> { ["Input.Body"] = "Edited text" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        Assert.Equal("Original text", Assert.Single(await app.PostsAsync(c.Thread)).BodyMarkdown);
        var otherPage = await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Students[1]), $"/threads/{c.Thread.Id}?page=1");
        Assert.DoesNotContain("Edited text", otherPage);
        Assert.Contains("Your edit is awaiting approval", await DiscussionWorld.ReadAsync(author, $"/threads/{c.Thread.Id}?page=1"));
    }

    [Fact]
    public async Task A_pending_or_removed_reflection_neither_opens_the_post_first_gate_nor_counts_as_done()
    {
        var teacher = await app.UserAsync("gate-teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var first = await app.UserAsync("gate-first");
        var second = await app.UserAsync("gate-second");
        await app.AddAsync(group, first);
        await app.AddAsync(group, second);
        var thread = await app.ReflectionThreadAsync(group, teacher, ReflectionMode.PostFirst);
        await app.PostAsync(thread, first, "First reflection, visible after posting");
        await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(g => g.SetProperty(x => x.PreModeration, true)));
        var browser = await app.SignedInAsync(second);

        await DiscussionWorld.ReplyAsync(browser, thread.Id, "My reflection, pending");
        var page = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1");
        Assert.DoesNotContain("First reflection", page);
        Assert.Contains("To do", await DiscussionWorld.ReadAsync(browser, "/me/work"));

        // Approved, it opens the gate; removed, it closes it again and no longer counts.
        var post = await app.WithDbAsync(async db =>
        {
            var held = await db.HeldPosts.SingleAsync(h => h.ThreadId == thread.Id);
            var access = new GroupAccess(group, teacher.Id, MembershipRole.Facilitator, isAdmin: false);
            var number = await ModerationActions.ApproveHeldAsync(db, access, new ModerationActor(teacher.Id, "T"), held, app.Clock.GetUtcNow());
            return await db.Posts.SingleAsync(p => p.ThreadId == thread.Id && p.Number == number);
        });
        Assert.Contains("First reflection", await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1"));
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Posts.SingleAsync(p => p.Id == post.Id);
            await ModerationActions.RemoveAsync(db, new GroupAccess(group, teacher.Id, MembershipRole.Facilitator, isAdmin: false),
                new ModerationActor(teacher.Id, "T"), tracked, ModerationReason.OffTopic, null, app.Clock.GetUtcNow());
            return 0;
        });
        Assert.DoesNotContain("First reflection", await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1"));
        Assert.Contains("To do", await DiscussionWorld.ReadAsync(browser, "/me/work"));
    }

    [Fact]
    public async Task Removed_and_hidden_posts_cannot_be_quoted_answered_or_read_through_their_history_by_others()
    {
        var c = await ClassAsync(students: 2);
        var post = await app.PostAsync(c.Thread, c.Students[0], "Removed words");
        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.RemovedAt, app.Clock.GetUtcNow()).SetProperty(x => x.RemovalReason, ModerationReason.Bullying)
            .SetProperty(x => x.EditedAt, app.Clock.GetUtcNow())));
        var other = await app.SignedInAsync(c.Students[1]);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/threads/{c.Thread.Id}?quote={post.Number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/threads/{c.Thread.Id}/posts/{post.Number}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/threads/{c.Thread.Id}/posts/{post.Number}/report")).StatusCode);
        var reply = await DiscussionWorld.ReplyAsync(other, c.Thread.Id, "Answering it", replyTo: post.Number);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Single(await app.PostsAsync(c.Thread));
        Assert.DoesNotContain("Removed words", await reply.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_watched_word_refuses_a_post_and_keeps_the_text_in_the_form_whatever_its_case_or_accents()
    {
        var c = await ClassAsync(students: 1);
        await app.WithDbAsync(db =>
        {
            db.WatchedWords.Add(new WatchedWord { GroupId = c.Group.Id, Phrase = "connard", Action = WatchedWordAction.Refuse, CreatedAt = app.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });
        var member = await app.SignedInAsync(c.Students[0]);

        var refused = await DiscussionWorld.ReplyAsync(member, c.Thread.Id, "Quel CONNÂRD, franchement");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("which is not allowed here", html);
        Assert.Contains("Quel CONNÂRD, franchement</textarea>", html);
        Assert.Empty(await app.PostsAsync(c.Thread));

        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(member, c.Thread.Id, "A computer reply")).StatusCode);
    }

    [Fact]
    public async Task A_hold_word_keeps_a_members_post_back_for_approval()
    {
        var c = await ClassAsync(students: 1);
        await app.WithDbAsync(db =>
        {
            db.WatchedWords.Add(new WatchedWord { GroupId = c.Group.Id, Phrase = "phone number", Action = WatchedWordAction.Hold, CreatedAt = app.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });
        await DiscussionWorld.ReplyAsync(await app.SignedInAsync(c.Students[0]), c.Thread.Id, "Here is my Phone   Number");
        Assert.Empty(await app.PostsAsync(c.Thread));
        var held = Assert.Single(await app.WithDbAsync(db => db.HeldPosts.Where(h => h.ThreadId == c.Thread.Id).ToListAsync()));
        Assert.Equal(HoldReason.WatchedWord, held.Reason);
        Assert.Equal("phone number", held.MatchedWord);
    }

    [Fact]
    public async Task A_locked_thread_shows_its_reason_instead_of_the_form_and_refuses_members_posts()
    {
        var c = await ClassAsync(students: 1);
        await app.PostAsync(c.Thread, c.Teacher, "Before the lock");
        var teacher = await app.SignedInAsync(c.Teacher);
        var locked = await Forms.PostAsync(teacher, $"/threads/{c.Thread.Id}/moderation",
            new Dictionary<string, string> { ["LockReason"] = "The lesson is over" }, postUrl: $"/threads/{c.Thread.Id}/moderation?handler=Lock");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        var member = await app.SignedInAsync(c.Students[0]);

        var page = await DiscussionWorld.ReadAsync(member, $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("This discussion is locked: The lesson is over", page);
        Assert.DoesNotContain("id=\"reply\"", page);
        Assert.DoesNotContain("reply=1", page); // no Reply or Quote link that would lead to no form
        var refused = await GroupWorld.PostFormAsync(member, $"/threads/{c.Thread.Id}?page=1", Forms.AntiforgeryToken(page),
            new Dictionary<string, string> { ["Input.Body"] = "Still posting", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Single(await app.PostsAsync(c.Thread));
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(teacher, c.Thread.Id, "Teacher's closing words")).StatusCode);
        Assert.Equal(ModerationAction.Lock, Assert.Single(await LogAsync(c.Group)).Action);
    }

    [Fact]
    public async Task Slow_mode_says_when_a_member_may_post_again_and_lets_them_then()
    {
        var c = await ClassAsync(students: 1);
        await app.WithDbAsync(db => db.Threads.Where(t => t.Id == c.Thread.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.SlowModeMinutes, 10)));
        var member = await app.SignedInAsync(c.Students[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(member, c.Thread.Id, "First")).StatusCode);

        var tooSoon = await DiscussionWorld.ReplyAsync(member, c.Thread.Id, "Second, too soon");
        var html = await tooSoon.Content.ReadAsStringAsync();
        Assert.Contains("you may post again at", html);
        Assert.Contains("Second, too soon</textarea>", html);
        Assert.Single(await app.PostsAsync(c.Thread));

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(member, c.Thread.Id, "Second, in time")).StatusCode);
        Assert.Equal(2, (await app.PostsAsync(c.Thread)).Count);
    }

    [Fact]
    public async Task A_muted_member_reads_why_and_until_when_and_can_neither_post_nor_report_until_it_ends()
    {
        var c = await ClassAsync(students: 2);
        var post = await app.PostAsync(c.Thread, c.Students[1], "Someone else's post");
        await app.WithDbAsync(async db =>
        {
            await ModerationActions.MuteAsync(db, new GroupAccess(c.Group, c.Teacher.Id, MembershipRole.Facilitator, isAdmin: false),
                new ModerationActor(c.Teacher.Id, "T"), c.Students[0].Id, app.Clock.GetUtcNow().AddHours(2), "Insults in the last lesson", app.Clock.GetUtcNow());
            return 0;
        });
        var muted = await app.SignedInAsync(c.Students[0]);

        var page = await DiscussionWorld.ReadAsync(muted, $"/threads/{c.Thread.Id}?page=1");
        Assert.Contains("You are muted in this group until", page);
        Assert.Contains("Insults in the last lesson", page);
        Assert.DoesNotContain("id=\"reply\"", page);
        Assert.DoesNotContain($"/threads/{c.Thread.Id}/posts/{post.Number}/report", page);
        Assert.DoesNotContain($"reply={post.Number}", page);
        var refused = await GroupWorld.PostFormAsync(muted, $"/threads/{c.Thread.Id}?page=1", Forms.AntiforgeryToken(page),
            new Dictionary<string, string> { ["Input.Body"] = "Muted words", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString() });
        Assert.Contains("You are muted in this group until", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(muted, c.Thread.Id, post.Number, ModerationReason.OffTopic)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.PostReports.CountAsync(r => r.PostId == post.Id)));

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(muted, c.Thread.Id, "Back again")).StatusCode);
    }

    [Fact]
    public async Task Members_are_refused_their_groups_moderation_pages_and_other_groups_facilitators_get_404()
    {
        var c = await ClassAsync(students: 1);
        var post = await app.PostAsync(c.Thread, c.Students[0], "x");
        var otherTeacher = await app.UserAsync("other-teacher", Roles.Teacher);
        await app.GroupAsync(otherTeacher);
        var member = await app.SignedInAsync(c.Students[0]);
        var stranger = await app.SignedInAsync(otherTeacher);
        var moderator = await app.SignedInAsync(await app.UserAsync("site-moderator", Roles.Moderator));

        foreach (var url in new[] { $"/threads/{c.Thread.Id}/moderation", $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation" })
        {
            Assert.StartsWith("/account/access-denied", Forms.RedirectPath(await member.GetAsync(url)));
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task A_site_moderators_removal_reads_removed_by_a_moderator()
    {
        var c = await ClassAsync(students: 2);
        var post = await app.PostAsync(c.Thread, c.Students[0], "Off topic advert");
        var moderator = await app.SignedInAsync(await app.UserAsync("site-moderator", Roles.Moderator));

        await Forms.PostAsync(moderator, $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(ModerationReason.Other), ["Input.Note"] = "advertising" },
            postUrl: $"/threads/{c.Thread.Id}/posts/{post.Number}/moderation?handler=Remove");

        Assert.Contains("Removed by a moderator: advertising", await DiscussionWorld.ReadAsync(await app.SignedInAsync(c.Students[1]), $"/threads/{c.Thread.Id}?page=1"));
    }

    [Fact]
    public async Task Thirty_students_posting_in_one_thread_in_the_same_minute_all_get_through()
    {
        var c = await ClassAsync(students: 30);
        var browsers = await Task.WhenAll(c.Students.Select(s => app.SignedInAsync(s)));

        var responses = await Task.WhenAll(browsers.Select((b, i) => DiscussionWorld.ReplyAsync(b, c.Thread.Id, $"End-of-lesson reflection {i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(30, (await app.PostsAsync(c.Thread)).Count);
    }
}
