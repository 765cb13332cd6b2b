using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Curriculum;

/// <summary>The curriculum pages as a visitor sees them, served from the repository's real content.</summary>
public class CurriculumPagesTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static readonly string[] ModulesInOrder =
    [
        "if-you-are-not-paying", "designed-to-hook", "the-machine-on-the-other-side", "everyone-in-their-own-bubble",
        "falsehood-travels-fast", "down-the-rabbit-hole", "comparison-and-well-being", "leaving-and-being-pulled-back",
        "light-bulbs-are-not-enough", "humane-technology",
    ];

    async Task<IDocument> GetPageAsync(string url)
    {
        var response = await app.CreateBrowser().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    static List<string> LinkedSlugs(IDocument page, string selector, string prefix) =>
        page.QuerySelectorAll(selector)
            .Select(a => a.GetAttribute("href")!)
            .Where(href => href.StartsWith(prefix, StringComparison.Ordinal))
            .Select(href => href[prefix.Length..])
            .ToList();

    [Theory]
    [InlineData("/modules/if-you-are-not-paying")]
    [InlineData("/guides/facilitator-guide")]
    public async Task A_module_or_guide_is_described_to_search_engines_by_its_summary(string url)
    {
        var page = await GetPageAsync(url);

        var summary = page.QuerySelector(".document-header .lead")!.TextContent;
        Assert.NotEmpty(summary);
        Assert.Equal(summary, page.QuerySelector("head meta[name=description]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task The_catalogue_lists_the_ten_modules_in_curriculum_order()
    {
        var page = await GetPageAsync("/modules");

        Assert.Equal(ModulesInOrder, LinkedSlugs(page, ".catalogue h2 a", "/modules/"));
        var first = page.QuerySelector(".catalogue > li")!;
        Assert.Contains("Module 1 · 50 minutes", first.TextContent);
        Assert.Contains("Who pays for \"free\" apps", first.TextContent);
        Assert.Equal(["attention economy", "advertising"], first.QuerySelectorAll(".themes a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task The_theme_filter_narrows_the_catalogue_and_says_how_to_clear_it()
    {
        var page = await GetPageAsync("/modules?theme=well-being");

        Assert.Equal(["designed-to-hook", "comparison-and-well-being", "leaving-and-being-pulled-back"], LinkedSlugs(page, ".catalogue h2 a", "/modules/"));
        Assert.Contains("Showing the modules about “well-being”.", page.QuerySelector(".filter-status")!.TextContent);
        Assert.Equal("/modules", page.QuerySelector(".filter-status a")!.GetAttribute("href"));
        Assert.Equal("well-being", page.QuerySelector(".theme-filter a[aria-current=page]")!.TextContent);
    }

    [Fact]
    public async Task A_theme_with_no_module_says_so()
    {
        var page = await GetPageAsync("/modules?theme=astrology");

        Assert.Empty(page.QuerySelectorAll(".catalogue"));
        Assert.Contains("No module has this theme.", page.Body!.TextContent);
    }

    [Fact]
    public async Task A_module_page_shows_the_whole_lesson_plan()
    {
        var page = await GetPageAsync("/modules/comparison-and-well-being");

        Assert.Equal("Comparison and well-being", page.QuerySelector("h1")!.TextContent);
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Contains("Module 7 · 55 minutes", page.QuerySelector(".document-header .meta")!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".objectives li"), li => li.TextContent.StartsWith("Students can explain social comparison", StringComparison.Ordinal));
        Assert.Equal(4, page.QuerySelectorAll(".discussion-prompts li").Length);
        Assert.StartsWith("Think of one change", page.QuerySelector(".reflection-question")!.TextContent);
        Assert.Equal(
            ["For me: a habit to try", "For us: with the class or the community", "For the system: how companies or the law should change"],
            page.QuerySelectorAll(".actions h3").Select(h => h.TextContent));
        Assert.Contains("Keep your phone out of your bedroom", page.QuerySelector(".actions")!.TextContent);

        // Claims carry their evidence, with a visible label where researchers disagree, and every contested claim its box in the body.
        var claims = page.QuerySelectorAll(".claims li");
        Assert.NotEmpty(claims);
        var contested = claims.Where(c => c.QuerySelector(".claim-status")!.TextContent == "contested").ToList();
        Assert.NotEmpty(contested);
        Assert.All(contested, claim => Assert.NotEmpty(claim.QuerySelector(".claim-note")!.TextContent));
        Assert.Contains(claims, claim => claim.QuerySelector(".claim-source")!.TextContent.Contains("Jonathan Haidt", StringComparison.Ordinal));
        Assert.Equal(contested.Count, page.QuerySelectorAll(".document-body aside.box-contested").Length);
        Assert.Contains(page.QuerySelectorAll(".source-list a.doi"), a => a.GetAttribute("href") == "https://doi.org/10.1038/s41562-018-0506-1");

        // A well-being module: the lesson at a glance, and the help guide one link away from the top.
        Assert.NotNull(page.QuerySelector("section.at-a-glance .plan"));
        Assert.Equal("/guides/where-to-find-help", page.QuerySelector(".document-header .help-link a")!.GetAttribute("href"));

        // The body, its boxes, and a table of contents pointing at its headings.
        Assert.NotNull(page.QuerySelector(".document-body section.box-activity[aria-label=Activity]"));
        Assert.NotNull(page.QuerySelector(".document-body aside.box-counterpoint"));
        Assert.NotNull(page.QuerySelector(".document-body h2#where-to-find-help"));
        var contents = page.QuerySelectorAll(".contents a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#where-to-find-help", contents);
        Assert.Contains("#discussion-prompts", contents);
        Assert.All(contents, href => Assert.NotNull(page.GetElementById(href![1..])));

        Assert.Equal("/modules/down-the-rabbit-hole", page.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/modules/leaving-and-being-pulled-back", page.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll(".translation-note"));
    }

    [Fact]
    public async Task The_first_module_has_no_previous_and_the_last_no_next()
    {
        var first = await GetPageAsync("/modules/if-you-are-not-paying");
        var last = await GetPageAsync("/modules/humane-technology");

        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));
        Assert.Equal("/modules/designed-to-hook", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Null(last.QuerySelector(".pager a[rel=next]"));
        Assert.Contains(first.QuerySelectorAll(".claims .claim-status"), s => s.TextContent == "self-reported");
    }

    [Fact]
    public async Task A_module_page_runs_no_script_and_loads_nothing_from_other_sites()
    {
        var html = await app.CreateBrowser().GetStringAsync("/modules/if-you-are-not-paying");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("""(src|srcset)=""", html);
        Assert.DoesNotMatch("""<link[^>]+href="(https?:)?//""", html);
    }

    [Theory]
    [InlineData("/modules/no-such-module")]
    [InlineData("/guides/no-such-guide")]
    public async Task An_unknown_slug_is_404(string url)
    {
        var response = await app.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_guides_are_listed_and_each_has_its_page()
    {
        var list = await GetPageAsync("/guides");

        Assert.Equal(
            ["screening-guide", "facilitator-guide", "discussion-norms", "the-film-quick-facts", "family-guide", "where-to-find-help"],
            LinkedSlugs(list, ".catalogue h2 a", "/guides/"));

        var guide = await GetPageAsync("/guides/facilitator-guide");
        Assert.Equal("Facilitator guide", guide.QuerySelector("h1")!.TextContent);
        Assert.Contains("For: Teachers and club organisers", guide.QuerySelector(".document-header .meta")!.TextContent);
        Assert.Contains(guide.QuerySelectorAll(".contents a"), a => a.GetAttribute("href") == "#your-role");
        Assert.NotNull(guide.QuerySelector(".document-body h2#your-role"));
    }

    [Fact]
    public async Task A_french_reader_sees_the_english_module_with_a_note_until_it_is_translated()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/modules/designed-to-hook");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr");

        var response = await app.CreateBrowser().SendAsync(request);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector(".translation-note"));
        Assert.Equal("en", page.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector(".document-body")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_site_navigation_and_home_page_lead_to_the_curriculum()
    {
        var home = await GetPageAsync("/");

        var navigation = home.QuerySelectorAll(".site-header nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/modules", navigation);
        Assert.Contains("/guides", navigation);
        Assert.Contains("/search", navigation);
        Assert.Contains(home.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/modules");
    }
}
