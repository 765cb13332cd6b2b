using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using Group = StudyGuide.Web.Groups.Group;

namespace StudyGuide.Tests.Discussions;

/// <summary>
/// A group's thread list: three visible orders on stored keys, pages linked by cursors (no OFFSET, no COUNT),
/// and a members' "latest reply first" that says nothing about posts in reflections they cannot see.
/// </summary>
public partial class ThreadListTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static readonly string[] Orders = ["newest", "latest-reply", "oldest"];

    sealed record Class(Group Group, User Teacher, User Alice, User Bob);

    sealed record ListPage(IReadOnlyList<int> ThreadIds, string? Previous, string? Next, bool LinksToFirstPage, string Html);

    async Task<Class> ClassAsync()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var alice = await app.UserAsync("alice");
        var bob = await app.UserAsync("bob");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, alice);
        await app.AddAsync(group, bob);
        return new Class(group, teacher, alice, bob);
    }

    static async Task<ListPage> ReadListAsync(HttpClient browser, string url)
    {
        var html = await DiscussionWorld.ReadAsync(browser, url);
        string? Link(string rel) => LinkWithRel().Matches(html).FirstOrDefault(m => m.Groups["rel"].Value == rel) is { } m
            ? WebUtility.HtmlDecode(m.Groups["href"].Value)
            : null;
        var ids = ThreadLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return new ListPage(ids, Link("prev"), Link("next"), html.Contains(">First page</a>", StringComparison.Ordinal), html);
    }

    static string ListUrl(Group group, string order) => $"/groups/{group.Id}/threads?order={order}";

    Task<DiscussionThread> KeysAsync(DiscussionThread thread) => KeysAsync(thread.Id);

    Task<DiscussionThread> KeysAsync(int threadId) =>
        app.DbAsync(db => db.Threads.AsNoTracking().SingleAsync(t => t.Id == threadId));

    [Fact]
    public async Task Every_order_pages_through_all_threads_forwards_and_back_with_ties_on_the_time_broken_by_id()
    {
        var c = await ClassAsync();
        // 65 threads, five started in the same minute: the times tie and the id decides.
        var threads = new List<DiscussionThread>();
        for (var i = 0; i < 65; i++)
        {
            if (i % 5 == 0) app.Clock.Advance(TimeSpan.FromMinutes(1));
            threads.Add(await app.FreeThreadAsync(c.Group, c.Teacher, $"Thread {i}"));
        }
        // Replies in every seventh thread, two in each minute: latest reply first differs, with ties again.
        var answered = threads.Where((_, i) => i % 7 == 0).ToList();
        for (var k = 0; k < answered.Count; k++)
        {
            if (k % 2 == 0) app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.PostAsync(answered[k], c.Alice, "A reply");
        }
        var rows = await app.DbAsync(db => db.Threads.AsNoTracking().Where(t => t.GroupId == c.Group.Id).ToListAsync());
        var expected = new Dictionary<string, List<int>>
        {
            ["newest"] = rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => t.Id).ToList(),
            ["latest-reply"] = rows.OrderByDescending(t => t.LastPostAt ?? t.CreatedAt).ThenByDescending(t => t.Id).Select(t => t.Id).ToList(),
            ["oldest"] = rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => t.Id).ToList(),
        };

        foreach (var reader in new[] { c.Teacher, c.Alice })
        {
            var browser = await app.SignedInAsync(reader);
            foreach (var order in Orders)
            {
                var pages = new List<ListPage> { await ReadListAsync(browser, ListUrl(c.Group, order)) };
                Assert.Null(pages[0].Previous);
                Assert.False(pages[0].LinksToFirstPage);
                while (pages[^1].Next is { } next) pages.Add(await ReadListAsync(browser, next));

                Assert.Equal([30, 30, 5], pages.Select(p => p.ThreadIds.Count));
                Assert.Equal(expected[order], pages.SelectMany(p => p.ThreadIds));
                Assert.All(pages.Skip(1), p => Assert.True(p.LinksToFirstPage));
                for (var i = pages.Count - 1; i > 0; i--)
                {
                    var back = await ReadListAsync(browser, pages[i].Previous!);
                    Assert.Equal(pages[i - 1].ThreadIds, back.ThreadIds);
                    Assert.Equal(i > 1, back.Previous is not null);
                    Assert.Equal(pages[i - 1].Next, back.Next);
                }
            }
        }
    }

    [Fact]
    public async Task The_page_links_say_which_way_they_go_in_time()
    {
        var c = await ClassAsync();
        for (var i = 0; i < 31; i++) await app.FreeThreadAsync(c.Group, c.Teacher);
        var browser = await app.SignedInAsync(c.Alice);

        var newest = await ReadListAsync(browser, ListUrl(c.Group, "newest"));
        var oldest = await ReadListAsync(browser, ListUrl(c.Group, "oldest"));

        Assert.Contains("rel=\"next\">Older</a>", newest.Html);
        Assert.Contains("rel=\"next\">Newer</a>", oldest.Html);
        Assert.Contains("rel=\"prev\">Newer</a>", (await ReadListAsync(browser, newest.Next!)).Html);
        Assert.Contains("rel=\"prev\">Older</a>", (await ReadListAsync(browser, oldest.Next!)).Html);
        Assert.Contains("Newest first, by time started. Nothing here is ranked.", newest.Html);
        Assert.Contains("href=\"/about/ordering\"", newest.Html);
    }

    [Theory]
    [InlineData(ReflectionMode.PostFirst, false)]
    [InlineData(ReflectionMode.Private, false)]
    [InlineData(ReflectionMode.Open, true)]
    public async Task A_reflection_thread_moves_up_a_members_latest_reply_order_only_when_members_may_see_its_posts(ReflectionMode mode, bool movesForMembers)
    {
        var c = await ClassAsync();
        var reflection = await app.ReflectionThreadAsync(c.Group, c.Teacher, mode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var free = await app.FreeThreadAsync(c.Group, c.Teacher);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await app.PostAsync(reflection, c.Bob, "Bob's reflection");

        var alice = await ReadListAsync(await app.SignedInAsync(c.Alice), ListUrl(c.Group, "latest-reply"));
        var teacher = await ReadListAsync(await app.SignedInAsync(c.Teacher), ListUrl(c.Group, "latest-reply"));
        Assert.Equal([reflection.Id, free.Id], teacher.ThreadIds);
        Assert.Equal(movesForMembers ? [reflection.Id, free.Id] : [free.Id, reflection.Id], alice.ThreadIds);
        // The members' hint says why a gated reflection sits where it does; facilitators' order needs none.
        Assert.Contains("count from when they were started", alice.Html);
        Assert.DoesNotContain("count from when they were started", teacher.Html);
    }

    [Fact]
    public async Task A_post_moves_the_sort_keys_and_an_edit_or_a_deletion_does_not()
    {
        var c = await ClassAsync();
        var free = await app.FreeThreadAsync(c.Group, c.Teacher);
        var gated = await app.ReflectionThreadAsync(c.Group, c.Teacher, ReflectionMode.PostFirst);
        var started = app.Clock.GetUtcNow();
        Assert.All(new[] { await KeysAsync(free), await KeysAsync(gated) }, t =>
        {
            Assert.Equal(started, t.ActivityAt);
            Assert.Equal(started, t.MemberActivityAt);
        });

        app.Clock.Advance(TimeSpan.FromHours(1));
        var posted = app.Clock.GetUtcNow();
        var post = await app.PostAsync(free, c.Alice, "First words");
        await app.PostAsync(gated, c.Alice, "My reflection");
        Assert.Equal((posted, posted), (await KeysAsync(free)).ToKeys());
        Assert.Equal((posted, started), (await KeysAsync(gated)).ToKeys());

        // "Latest reply first" is by the time of the last post, the time the list shows: an edit moving a
        // thread would reorder it for no visible reason (and let anyone bump a thread by retouching a comma),
        // and a deletion cannot move it back without telling members that something happened.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tracked = await db.Posts.SingleAsync(p => p.Id == post.Id);
            Assert.Null(await Posting.EditAsync(db, tracked, "Second thoughts", app.Clock.GetUtcNow()));
            app.Clock.Advance(TimeSpan.FromHours(1));
            await Posting.DeleteAsync(db, tracked, app.Clock.GetUtcNow());
        }
        Assert.Equal((posted, posted), (await KeysAsync(free)).ToKeys());
    }

    [Theory]
    [InlineData("after=nonsense")]
    [InlineData("after=12-")]
    [InlineData("after=-12")]
    [InlineData("after=1-2-3")]
    [InlineData("after=1.5-2")]
    [InlineData("after=+5-2")]
    [InlineData("after=638000000000000000-0")]
    [InlineData("after=3155378976000000000-1")]
    [InlineData("before=99999999999999999999-1")]
    [InlineData("before=638000000000000000-99999999999")]
    [InlineData("before=%00")]
    [InlineData("after=&before=")]
    public async Task A_malformed_cursor_shows_the_first_page(string query)
    {
        var c = await ClassAsync();
        var thread = await app.FreeThreadAsync(c.Group, c.Teacher);
        var browser = await app.SignedInAsync(c.Alice);

        var page = await ReadListAsync(browser, $"{ListUrl(c.Group, "latest-reply")}&{query}");

        Assert.Equal([thread.Id], page.ThreadIds);
        Assert.Null(page.Previous);
        Assert.False(page.LinksToFirstPage);
    }

    [Fact]
    public async Task A_previous_link_with_less_than_a_page_before_it_shows_the_whole_first_page()
    {
        var c = await ClassAsync();
        for (var i = 0; i < 40; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await app.FreeThreadAsync(c.Group, c.Teacher);
        }
        var browser = await app.SignedInAsync(c.Teacher);
        var first = await ReadListAsync(browser, ListUrl(c.Group, "newest"));
        var tenth = await KeysAsync(first.ThreadIds[9]);

        var page = await ReadListAsync(browser, $"{ListUrl(c.Group, "newest")}&before={tenth.CreatedAt.UtcTicks}-{tenth.Id}");

        Assert.Equal(first.ThreadIds, page.ThreadIds);
        Assert.Null(page.Previous);
        Assert.NotNull(page.Next);
    }

    [Fact]
    public async Task A_cursor_past_the_last_thread_shows_an_empty_page_with_a_way_back()
    {
        var c = await ClassAsync();
        await app.FreeThreadAsync(c.Group, c.Teacher);
        var browser = await app.SignedInAsync(c.Alice);

        var page = await ReadListAsync(browser, $"{ListUrl(c.Group, "newest")}&after=0-1");

        Assert.Empty(page.ThreadIds);
        Assert.Contains("There is nothing on this page.", page.Html);
        Assert.True(page.LinksToFirstPage);
    }

    [Fact]
    public async Task Pages_are_read_from_their_cursor_without_offset_or_count()
    {
        var c = await ClassAsync();
        for (var i = 0; i < 35; i++) await app.FreeThreadAsync(c.Group, c.Teacher);

        foreach (var reader in new[] { c.Teacher, c.Alice })
        {
            var browser = await app.SignedInAsync(reader);
            foreach (var order in Orders)
            {
                var next = (await ReadListAsync(browser, ListUrl(c.Group, order))).Next!;
                using var recorder = app.RecordSql();
                var second = await ReadListAsync(browser, next);
                await ReadListAsync(browser, second.Previous!);

                var listQueries = recorder.Commands.Where(sql => sql.Contains("FROM threads", StringComparison.Ordinal)).ToList();
                Assert.Equal(2, listQueries.Count);
                Assert.All(listQueries, sql =>
                {
                    Assert.DoesNotContain("OFFSET", sql, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("count(", sql, StringComparison.OrdinalIgnoreCase);
                    Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
                    // Who started each thread comes from a join; a subquery per row made PostgreSQL read
                    // a small users table from the start for every thread of the page.
                    Assert.Contains("JOIN users", sql, StringComparison.Ordinal);
                    Assert.DoesNotContain("FROM users", sql, StringComparison.Ordinal);
                });
            }
        }
    }

    [Theory]
    [InlineData("newest", true, "created_at", "created_at")]
    [InlineData("oldest", true, "created_at", "created_at")]
    [InlineData("latest-reply", true, "activity_at", "activity_at")]
    [InlineData("latest-reply", false, "activity_at", "member_activity_at")]
    public async Task Each_order_reads_its_own_key_forwards_and_back_in_index_order(string order, bool asFacilitator, string facilitatorKey, string memberKey)
    {
        var c = await ClassAsync();
        for (var i = 0; i < 35; i++) await app.FreeThreadAsync(c.Group, c.Teacher);
        var browser = await app.SignedInAsync(asFacilitator ? c.Teacher : c.Alice);
        var key = asFacilitator ? facilitatorKey : memberKey;
        var ascending = ($"(t.{key}, t.id) >", $"ORDER BY t.{key}, t.id");
        var descending = ($"(t.{key}, t.id) <", $"ORDER BY t.{key} DESC, t.id DESC");
        var (readingOn, readingBack) = order == "oldest" ? (ascending, descending) : (descending, ascending);

        using var recorder = app.RecordSql();
        var first = await ReadListAsync(browser, ListUrl(c.Group, order));
        var second = await ReadListAsync(browser, first.Next!);
        await ReadListAsync(browser, second.Previous!);

        var queries = recorder.Commands.Where(sql => sql.Contains("FROM threads", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, queries.Count);
        // The first page and the next one read on from the cursor; the previous page reads back from it, nearest first.
        foreach (var (sql, (comparison, ordering)) in queries.Zip([readingOn, readingOn, readingBack]))
        {
            Assert.Contains(comparison, sql, StringComparison.Ordinal);
            Assert.Contains(ordering + "\nLIMIT 31", sql.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_thread_in_the_list_says_who_started_it()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher, displayName: "Ms Okafor");
        var alice = await app.UserAsync("alice", displayName: "Alice Martin");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, alice);
        var byTeacher = await app.FreeThreadAsync(group, teacher);
        var byAlice = await app.FreeThreadAsync(group, alice);

        var html = await DiscussionWorld.ReadAsync(await app.SignedInAsync(alice), ListUrl(group, "oldest"));

        var items = Regex.Matches(html, """<li>\s*<a href="/threads/(\d+)">.*?</li>""", RegexOptions.Singleline)
            .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Value);
        Assert.Contains("started by Ms Okafor", items[byTeacher.Id], StringComparison.Ordinal);
        Assert.Contains("started by Alice Martin", items[byAlice.Id], StringComparison.Ordinal);
    }

    [GeneratedRegex("""<a href="/threads/(\d+)">""")]
    private static partial Regex ThreadLink();

    [GeneratedRegex("""<a href="(?<href>[^"]+)" rel="(?<rel>prev|next)">""")]
    private static partial Regex LinkWithRel();
}

static class ThreadKeys
{
    public static (DateTimeOffset Activity, DateTimeOffset MemberActivity) ToKeys(this DiscussionThread thread) => (thread.ActivityAt, thread.MemberActivityAt);
}
