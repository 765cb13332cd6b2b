using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Curriculum;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Curriculum;

public class CurriculumSearchTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    async Task<IDocument> SearchAsync(string query)
    {
        var response = await app.CreateBrowser().GetAsync("/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    static List<string> ResultLinks(IDocument page) =>
        page.QuerySelectorAll(".search-results h3 a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task A_word_from_a_modules_body_finds_that_module()
    {
        // Festinger is named only in the body of module 7 (and in its sources, which are not searched).
        var page = await SearchAsync("Festinger");

        Assert.Equal(["/modules/comparison-and-well-being"], ResultLinks(page));
        Assert.Contains("Module 7", page.QuerySelector(".search-results .meta")!.TextContent);
        Assert.Contains("Why comparing ourselves with others", page.QuerySelector(".search-results")!.TextContent);
    }

    [Fact]
    public async Task Results_come_in_curriculum_order_not_by_relevance()
    {
        // Module 6 has "rabbit hole" in its title and would rank first; modules 3 to 5 mention it in passing.
        var results = ResultLinks(await SearchAsync("rabbit hole"));

        Assert.Contains("/modules/down-the-rabbit-hole", results);
        Assert.Equal("/modules/the-machine-on-the-other-side", results[0]);
        var modules = results.Where(r => r.StartsWith("/modules/", StringComparison.Ordinal)).ToList();
        Assert.Equal(modules.OrderBy(ModuleNumber), modules);
    }

    [Fact]
    public async Task Modules_come_before_guides_in_the_results()
    {
        var results = ResultLinks(await SearchAsync("discussion"));

        var firstGuide = results.FindIndex(r => r.StartsWith("/guides/", StringComparison.Ordinal));
        Assert.True(firstGuide > 0, string.Join(", ", results));
        Assert.All(results.Skip(firstGuide), r => Assert.StartsWith("/guides/", r));
        Assert.Equal(["/guides/screening-guide", "/guides/facilitator-guide", "/guides/discussion-norms", "/guides/the-film-quick-facts", "/guides/family-guide"], results.Skip(firstGuide));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_search_shows_the_form_only(string query)
    {
        var page = await SearchAsync(query);

        Assert.NotNull(page.QuerySelector("form[role=search] input[name=q]"));
        Assert.Null(page.QuerySelector(".search-results"));
        Assert.Empty(page.QuerySelectorAll("main h2"));
    }

    [Fact]
    public async Task An_overlong_search_gets_a_clear_message_and_keeps_the_text()
    {
        var query = string.Concat(Enumerable.Repeat("attention ", 21));

        var page = await SearchAsync(query);

        Assert.Equal("Your search is too long. Use at most 200 characters.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(query, page.QuerySelector("input[name=q]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector(".search-results"));
    }

    [Fact]
    public async Task A_search_with_a_nul_character_gets_a_clear_message()
    {
        var page = await SearchAsync("attention\0economy");

        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.Null(page.QuerySelector(".search-results"));
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so()
    {
        var page = await SearchAsync("xylophone");

        Assert.Empty(ResultLinks(page));
        Assert.Contains("Nothing matches this search.", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Search_syntax_is_forgiving()
    {
        // websearch_to_tsquery accepts whatever people type: quotes, a minus, stray operators.
        var page = await SearchAsync("\"rabbit hole\" -radicalisation & | ! (");

        Assert.NotNull(page.QuerySelector("form[role=search]"));
    }

    [Fact]
    public async Task Refreshing_the_search_table_replaces_it_whole()
    {
        await app.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var library = services.GetRequiredService<ServedCurriculum>().Library;

            await CurriculumSearch.RefreshAsync(db, library);
            await CurriculumSearch.RefreshAsync(db, library);

            Assert.Equal(library.Documents.Count, await db.CurriculumSearchRows.CountAsync());
            Assert.Equal(16, library.Documents.Count);
        });
    }

    static int ModuleNumber(string link) => Array.IndexOf(
        [
            "if-you-are-not-paying", "designed-to-hook", "the-machine-on-the-other-side", "everyone-in-their-own-bubble",
            "falsehood-travels-fast", "down-the-rabbit-hole", "comparison-and-well-being", "leaving-and-being-pulled-back",
            "light-bulbs-are-not-enough", "humane-technology",
        ],
        link["/modules/".Length..]);
}
