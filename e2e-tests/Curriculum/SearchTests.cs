using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static StudyGuide.E2E.Curriculum.CurriculumPages;

namespace StudyGuide.E2E.Curriculum;

[Collection(nameof(CurriculumSiteCollection))]
public class SearchTests(CurriculumSite site, Browser browser)
{
    [Fact]
    public async Task A_word_that_appears_only_in_a_module_body_finds_that_module()
    {
        var page = await browser.NewPageAsync();
        await OpenFromSiteNavigationAsync(page, site.Url("/"), "Search", "Search");

        // "MetaFilter" is named only in the body of module 1 (and in its sources, which are not searched).
        await page.GetByLabel("Search the modules and guides").FillAsync("MetaFilter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Results for “MetaFilter”" })).ToBeVisibleAsync();
        await Expect(Entries(page).GetByRole(AriaRole.Heading)).ToHaveTextAsync(["If you are not paying for the product"]);
        await Expect(page.GetByLabel("Search the modules and guides")).ToHaveValueAsync("MetaFilter");
        await page.CheckAccessibilityAsync();

        await Entries(page).GetByRole(AriaRole.Link, new() { Name = "If you are not paying for the product" }).ClickAsync();
        await Expect(MainHeading(page)).ToHaveTextAsync("If you are not paying for the product");
    }

    [Fact]
    public async Task Results_come_in_curriculum_order_modules_by_number_then_guides_not_by_relevance()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/search"));

        // "algorithm" ranks highest in module 3 and lowest in module 6 (one mention in the body, none in the title or summary):
        // a ranked list would put module 6 last, after the guides, not in this order.
        await SearchAsync(page, "algorithm");

        await Expect(Entries(page).GetByRole(AriaRole.Heading)).ToHaveTextAsync([
            "The machine on the other side of the screen",
            "Everyone in their own bubble",
            "Down the rabbit hole",
            "Humane technology",
            "Screening guide",
            "The film in quick facts",
        ]);
        await Expect(Entries(page).Last.GetByText("Guide", new() { Exact = true })).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/search"));

        await SearchAsync(page, "zeppelin");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Results for “zeppelin”" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nothing matches this search. Try a different word, or browse the modules and guides.")).ToBeVisibleAsync();
        await Expect(Entries(page)).ToHaveCountAsync(0);
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_French_reader_finds_the_French_translation_by_a_French_word()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/search"));
        await ChooseLanguageAsync(page, "Français", "Change");

        // French stemming: the singular finds the plural "annonceurs" in the translation.
        await SearchAsync(page, "annonceur");

        await Expect(Entries(page).GetByRole(AriaRole.Heading)).ToHaveTextAsync([CurriculumSite.TranslatedModuleTitle]);
        await page.CheckAccessibilityAsync();
    }
}
