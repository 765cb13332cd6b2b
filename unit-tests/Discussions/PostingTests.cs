using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Discussions;

/// <summary>Numbered posts: nothing lost, nothing doubled, and every post findable by its number.</summary>
public class PostingTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    async Task<(Group Group, User Teacher, User Member, DiscussionThread Thread)> ThreadAsync()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        return (group, teacher, member, await app.FreeThreadAsync(group, teacher));
    }

    [Fact]
    public async Task Twenty_simultaneous_posts_get_the_numbers_1_to_20_with_no_gap_and_no_duplicate()
    {
        var (group, _, _, thread) = await ThreadAsync();
        var members = new List<User>();
        for (var i = 0; i < 20; i++)
        {
            var member = await app.UserAsync("poster");
            await app.AddAsync(group, member);
            members.Add(member);
        }

        // Each post on its own DbContext and connection, all started together.
        var results = await Task.WhenAll(members.Select(async member =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return await Posting.CreateAsync(db, thread.Id, member.Id, $"Hello from {member.UserName}", Guid.NewGuid(), null, null, app.Clock.GetUtcNow());
        }));

        Assert.All(results, r => Assert.Null(r.Problem));
        var posts = await app.PostsAsync(thread);
        Assert.Equal(Enumerable.Range(1, 20), posts.Select(p => p.Number));
        Assert.Equal(members.Select(m => m.Id).Order(), posts.Select(p => p.AuthorId).Order());
        Assert.Equal(20, await app.DbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.LastPostNumber).SingleAsync()));
    }

    [Fact]
    public async Task Posting_twice_with_the_same_key_makes_one_post_and_both_answers_show_it()
    {
        var (_, _, member, thread) = await ThreadAsync();
        var browser = await app.SignedInAsync(member);
        var key = Guid.NewGuid();

        var first = await DiscussionWorld.ReplyAsync(browser, thread.Id, "Only once, please", key);
        var retry = await DiscussionWorld.ReplyAsync(browser, thread.Id, "Only once, please", key);

        Assert.Equal($"/threads/{thread.Id}/posts/1", Forms.RedirectPath(first));
        Assert.Equal($"/threads/{thread.Id}/posts/1", Forms.RedirectPath(retry));
        var post = Assert.Single(await app.PostsAsync(thread));
        Assert.Equal("Only once, please", post.BodyMarkdown);
        Assert.Equal($"/threads/{thread.Id}?page=1#post-1", Forms.RedirectPath(await browser.GetAsync(Forms.RedirectPath(retry))));
    }

    [Fact]
    public async Task Simultaneous_submissions_of_one_form_make_one_post()
    {
        var (_, _, member, thread) = await ThreadAsync();
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return await Posting.CreateAsync(db, thread.Id, member.Id, "Double click", key, null, null, app.Clock.GetUtcNow());
        }));

        var post = Assert.Single(await app.PostsAsync(thread));
        Assert.All(results, r => Assert.Equal(post.Id, r.Post!.Id));
        Assert.Equal(1, await app.DbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.LastPostNumber).SingleAsync()));
    }

    [Fact]
    public async Task A_refused_post_keeps_the_text_in_the_form_and_changes_nothing()
    {
        var (_, _, member, thread) = await ThreadAsync();
        var browser = await app.SignedInAsync(member);
        var links = string.Join(' ', Enumerable.Range(0, 21).Select(i => $"[link{i}](https://example.org/{i})"));

        var tooManyLinks = await DiscussionWorld.ReplyAsync(browser, thread.Id, links);
        var control = await DiscussionWorld.ReplyAsync(browser, thread.Id, "ring \u0007 the bell");
        var empty = await DiscussionWorld.ReplyAsync(browser, thread.Id, "   ");
        var tooLong = await DiscussionWorld.ReplyAsync(browser, thread.Id, new string('x', 20_001));

        Assert.Equal(HttpStatusCode.OK, tooManyLinks.StatusCode);
        var html = await tooManyLinks.Content.ReadAsStringAsync();
        Assert.Contains("at most 20 links", html);
        Assert.Contains("[link20](https://example.org/20)", html);
        Assert.Contains("invisible control characters", await control.Content.ReadAsStringAsync());
        Assert.Contains("Write something before posting.", await empty.Content.ReadAsStringAsync());
        Assert.Contains("at most 20000 characters", (await tooLong.Content.ReadAsStringAsync()).Replace(",", "", StringComparison.Ordinal));
        Assert.Empty(await app.PostsAsync(thread));
        Assert.Equal(0, await app.DbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.LastPostNumber).SingleAsync()));
    }

    [Fact]
    public async Task The_permalink_of_post_51_lands_on_page_2_at_its_anchor()
    {
        var (_, teacher, member, thread) = await ThreadAsync();
        for (var i = 1; i <= 51; i++) await app.PostAsync(thread, i % 2 == 0 ? teacher : member, $"Post text {i}");
        var browser = await app.SignedInAsync(member);

        Assert.Equal($"/threads/{thread.Id}?page=2#post-51", Forms.RedirectPath(await browser.GetAsync($"/threads/{thread.Id}/posts/51")));
        Assert.Equal($"/threads/{thread.Id}?page=1#post-50", Forms.RedirectPath(await browser.GetAsync($"/threads/{thread.Id}/posts/50")));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/threads/{thread.Id}/posts/52")).StatusCode);
        var page2 = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=2");
        Assert.Contains("id=\"post-51\"", page2);
        Assert.DoesNotContain("id=\"post-50\"", page2);
        Assert.Contains("Page 2 of 2", page2);
        var page1 = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1");
        TextOrder.AssertInOrder(page1, "id=\"post-1\"", "id=\"post-2\"", "id=\"post-50\"");
    }

    [Fact]
    public async Task Opening_a_thread_goes_to_the_first_post_that_is_new_since_the_last_visit()
    {
        var (_, teacher, member, thread) = await ThreadAsync();
        for (var i = 1; i <= 52; i++) await app.PostAsync(thread, teacher, $"Earlier {i}");
        var browser = await app.SignedInAsync(member);
        Assert.Equal($"/threads/{thread.Id}?page=1", Forms.RedirectPath(await browser.GetAsync($"/threads/{thread.Id}")));
        var firstVisit = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1");
        Assert.DoesNotContain("New since your last visit", firstVisit);

        await app.PostAsync(thread, teacher, "Something new");

        Assert.Equal($"/threads/{thread.Id}?page=2#new", Forms.RedirectPath(await browser.GetAsync($"/threads/{thread.Id}")));
        var page2 = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=2");
        TextOrder.AssertInOrder(page2, "New since your last visit", "id=\"post-51\"");

        var again = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=2");
        Assert.DoesNotContain("New since your last visit", again);
        Assert.Equal($"/threads/{thread.Id}?page=2", Forms.RedirectPath(await browser.GetAsync($"/threads/{thread.Id}")));
    }

    [Fact]
    public async Task Quoting_prefills_a_blockquote_that_links_back_and_the_reply_says_which_post_it_answers()
    {
        var (_, teacher, member, thread) = await ThreadAsync();
        await app.PostAsync(thread, teacher, "What do you think?");
        var browser = await app.SignedInAsync(member);

        var form = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1&quote=1");
        Assert.Contains($"[#1](/threads/{thread.Id}/posts/1):", form);
        Assert.Contains("&gt; What do you think?", form);
        Assert.Contains("name=\"Input.ReplyToNumber\"", form);

        var response = await DiscussionWorld.ReplyAsync(browser, thread.Id, $"> [#1](/threads/{thread.Id}/posts/1)\n> What do you think?\n\nI agree.", replyTo: 1);
        Assert.Equal($"/threads/{thread.Id}/posts/2", Forms.RedirectPath(response));
        var reply = (await app.PostsAsync(thread))[1];
        Assert.Equal(1, reply.ReplyToNumber);
        Assert.Contains("<blockquote>", reply.BodyHtml);
        var page = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1");
        Assert.Contains("in reply to #1", page);
    }

    [Fact]
    public async Task Editing_keeps_every_revision_and_readers_see_edited()
    {
        var (_, teacher, member, thread) = await ThreadAsync();
        await app.PostAsync(thread, member, "First thoughts");
        var author = await app.SignedInAsync(member);

        var saved = await Forms.PostAsync(author, $"/threads/{thread.Id}/posts/1/edit", new Dictionary<string, string> { ["Input.Body"] = "Second thoughts" });

        Assert.Equal($"/threads/{thread.Id}/posts/1", Forms.RedirectPath(saved));
        var post = Assert.Single(await app.PostsAsync(thread));
        Assert.Equal("Second thoughts", post.BodyMarkdown);
        Assert.NotNull(post.EditedAt);
        var facilitator = await app.SignedInAsync(teacher);
        var page = await DiscussionWorld.ReadAsync(facilitator, $"/threads/{thread.Id}?page=1");
        Assert.Contains("Second thoughts", page);
        Assert.DoesNotContain("First thoughts", page);
        Assert.Contains("edited", page);
        var history = await DiscussionWorld.ReadAsync(facilitator, $"/threads/{thread.Id}/posts/1/history");
        TextOrder.AssertInOrder(history, "First thoughts", "Second thoughts");
        Assert.Contains("First thoughts", await DiscussionWorld.ReadAsync(author, $"/threads/{thread.Id}/posts/1/history"));
    }

    [Fact]
    public async Task Another_member_cannot_read_a_posts_history()
    {
        var (group, _, member, thread) = await ThreadAsync();
        await app.PostAsync(thread, member, "Mine");
        var other = await app.UserAsync("other");
        await app.AddAsync(group, other);
        var browser = await app.SignedInAsync(other);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/threads/{thread.Id}/posts/1/history")).StatusCode);
    }

    [Fact]
    public async Task Deleting_leaves_a_placeholder_with_the_number_and_facilitators_still_read_the_text()
    {
        var (_, teacher, member, thread) = await ThreadAsync();
        await app.PostAsync(thread, member, "Regrettable words");
        await app.PostAsync(thread, teacher, "A reply");
        var author = await app.SignedInAsync(member);

        var deleted = await Forms.PostAsync(author, $"/threads/{thread.Id}/posts/1/delete", new Dictionary<string, string>());

        Assert.Equal($"/threads/{thread.Id}/posts/1", Forms.RedirectPath(deleted));
        var page = await DiscussionWorld.ReadAsync(author, $"/threads/{thread.Id}?page=1");
        Assert.Contains("id=\"post-1\"", page);
        Assert.Contains("Deleted by the author.", page);
        Assert.DoesNotContain("Regrettable words", page);
        Assert.Contains("id=\"post-2\"", page);
        var facilitator = await app.SignedInAsync(teacher);
        Assert.Contains("Regrettable words", await DiscussionWorld.ReadAsync(facilitator, $"/threads/{thread.Id}/posts/1/history"));
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync($"/threads/{thread.Id}?page=1&quote=1")).StatusCode);
    }

    [Fact]
    public async Task Starting_a_discussion_makes_its_first_post_and_lists_it_in_time_order()
    {
        var (group, teacher, member, older) = await ThreadAsync();
        await app.PostAsync(older, teacher, "Old thread, new reply");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var browser = await app.SignedInAsync(member);

        var started = await Forms.PostAsync(browser, $"/groups/{group.Id}/threads/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Newer discussion",
            ["Input.Body"] = "Let's talk",
            ["Input.IdempotencyKey"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var thread = await app.DbAsync(db => db.Threads.AsNoTracking().SingleAsync(t => t.GroupId == group.Id && t.Title == "Newer discussion"));
        Assert.Equal(1, thread.LastPostNumber);
        var newest = await DiscussionWorld.ReadAsync(browser, $"/groups/{group.Id}/threads");
        Assert.Contains("Newest first, by time started. Nothing here is ranked.", newest);
        Assert.Contains("/about/ordering", newest);
        TextOrder.AssertInOrder(newest, "Newer discussion", older.Title);
        var oldest = await DiscussionWorld.ReadAsync(browser, $"/groups/{group.Id}/threads?order=oldest");
        TextOrder.AssertInOrder(oldest, older.Title, "Newer discussion");
        Assert.Contains("Oldest first", oldest);
        Assert.Contains("Latest reply first", await DiscussionWorld.ReadAsync(browser, $"/groups/{group.Id}/threads?order=latest-reply"));
        Assert.Contains("Nothing here is ranked", await DiscussionWorld.ReadAsync(browser, "/about/ordering"));
    }

    [Fact]
    public async Task The_preview_button_shows_the_rendered_text_and_keeps_it_in_the_form()
    {
        var (_, _, member, thread) = await ThreadAsync();
        var browser = await app.SignedInAsync(member);
        var token = Forms.AntiforgeryToken(await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1"));

        var preview = await GroupWorld.PostFormAsync(browser, $"/threads/{thread.Id}?page=1&handler=Preview", token,
            new Dictionary<string, string> { ["Input.Body"] = "**bold** idea", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString() });

        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("**bold** idea</textarea>", html);
        Assert.Empty(await app.PostsAsync(thread));
    }

    [Fact]
    public async Task The_preview_button_comes_back_to_the_page_the_reader_was_on()
    {
        var (_, teacher, member, thread) = await ThreadAsync();
        for (var i = 1; i <= 60; i++) await app.PostAsync(thread, teacher, $"Post number {i}");
        var browser = await app.SignedInAsync(member);
        var page2 = await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=2&reply=55");
        Assert.Contains($"formaction=\"/threads/{thread.Id}?page=2&amp;handler=Preview\"", page2);

        var preview = await GroupWorld.PostFormAsync(browser, $"/threads/{thread.Id}?page=2&handler=Preview", Forms.AntiforgeryToken(page2),
            new Dictionary<string, string> { ["Input.Body"] = "A _reply_", ["Input.ReplyToNumber"] = "55", ["Input.IdempotencyKey"] = Guid.NewGuid().ToString() });

        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<em>reply</em>", html);
        Assert.Contains("id=\"post-55\"", html);
        Assert.DoesNotContain("id=\"post-1\"", html);
    }

    [Fact]
    public async Task Two_posts_sent_without_an_idempotency_key_are_two_posts()
    {
        var (_, _, member, thread) = await ThreadAsync();
        var browser = await app.SignedInAsync(member);

        foreach (var text in new[] { "First without a key", "Second without a key" })
        {
            var token = Forms.AntiforgeryToken(await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page=1"));
            var sent = await GroupWorld.PostFormAsync(browser, $"/threads/{thread.Id}?page=1", token, new Dictionary<string, string> { ["Input.Body"] = text });
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        Assert.Equal(["First without a key", "Second without a key"], (await app.PostsAsync(thread)).Select(p => p.BodyMarkdown));
    }
}
