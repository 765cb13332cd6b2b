using System.Net;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Bench;

/// <summary>The benchmark's reference endpoints exist only behind StudyGuide:Bench (bench/run); a real site never has them.</summary>
public class BenchSwitchTests(TestDatabases databases)
{
    [Fact]
    public async Task Bench_endpoints_do_not_exist_unless_the_bench_switch_is_on()
    {
        await using var app = new StudyGuideFactory(databases);
        var threadId = await SeedThreadAsync(app);
        var browser = app.CreateBrowser();

        var plaintext = await browser.GetAsync("/__bench/plaintext");

        Assert.Equal(HttpStatusCode.NotFound, plaintext.StatusCode);
        Assert.False(plaintext.Headers.Contains("X-Bench-Sql"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/__bench/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/__bench/thread-raw/{threadId}")).StatusCode);
    }

    [Fact]
    public async Task The_bench_switch_adds_the_reference_endpoints_and_counts_sql_round_trips()
    {
        await using var app = new StudyGuideFactory(databases).WithSetting("StudyGuide:Bench", "true");
        var threadId = await SeedThreadAsync(app);
        var browser = app.CreateBrowser();

        var plaintext = await browser.GetAsync("/__bench/plaintext");
        Assert.Equal(HttpStatusCode.OK, plaintext.StatusCode);
        Assert.Equal("Hello, World!", await plaintext.Content.ReadAsStringAsync());
        Assert.Equal("0", plaintext.Headers.GetValues("X-Bench-Sql").Single());

        var raw = await browser.GetAsync($"/__bench/thread-raw/{threadId}");
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var html = await raw.Content.ReadAsStringAsync();
        Assert.Contains("<p>First <strong>post</strong></p>", html, StringComparison.Ordinal);
        Assert.Contains("#2 Ada", html, StringComparison.Ordinal);
        Assert.Equal("1", raw.Headers.GetValues("X-Bench-Sql").Single());

        var stats = await (await browser.GetAsync("/__bench/stats")).Content.ReadAsStringAsync();
        Assert.Contains("\"allocatedBytes\":", stats, StringComparison.Ordinal);
        Assert.Contains("\"workingSet\":", stats, StringComparison.Ordinal);
    }

    static async Task<int> SeedThreadAsync(StudyGuideFactory app)
    {
        var author = await app.CreateUserAsync("ada", "a long enough passphrase", displayName: "Ada");
        return await app.WithDbAsync(async db =>
        {
            var group = new Group { Name = "Bench test", TimeZone = "Europe/Paris", CreatedAt = app.Clock.GetUtcNow(), CreatedByUserId = author.Id };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            var thread = new DiscussionThread { GroupId = group.Id, Title = "Raw", CreatedAt = app.Clock.GetUtcNow(), ActivityAt = app.Clock.GetUtcNow(), MemberActivityAt = app.Clock.GetUtcNow(), CreatedByUserId = author.Id, LastPostNumber = 2 };
            db.Threads.Add(thread);
            await db.SaveChangesAsync();
            foreach (var number in new[] { 1, 2 })
            {
                var body = number == 1 ? "First **post**" : "Second";
                db.Posts.Add(new Post { ThreadId = thread.Id, AuthorId = author.Id, Number = number, BodyMarkdown = body, BodyHtml = PostMarkdown.Render(body).Html, CreatedAt = app.Clock.GetUtcNow() });
            }
            await db.SaveChangesAsync();
            return thread.Id;
        });
    }
}
