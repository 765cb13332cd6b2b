using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static StudyGuide.E2E.Curriculum.CurriculumPages;

namespace StudyGuide.E2E.Curriculum;

[Collection(nameof(CurriculumSiteCollection))]
public class CatalogueTests(CurriculumSite site, Browser browser)
{
    [Fact]
    public async Task The_catalogue_lists_the_ten_modules_in_teaching_order_with_summary_minutes_and_themes()
    {
        var page = await browser.NewPageAsync();

        await OpenFromSiteNavigationAsync(page, site.Url("/"), "Modules", "Modules");

        var entries = Entries(page);
        await Expect(entries.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(ModuleTitles);
        var first = entries.First;
        await Expect(first.GetByText("Module 1 · 50 minutes")).ToBeVisibleAsync();
        await Expect(first.GetByText("Who pays for \"free\" apps, what they are buying")).ToBeVisibleAsync();
        await Expect(first.GetByRole(AriaRole.List, new() { Name = "Themes" }).GetByRole(AriaRole.Link))
            .ToHaveTextAsync(["attention economy", "advertising"]);
    }

    [Fact]
    public async Task A_theme_link_narrows_the_catalogue_to_that_theme_and_another_link_shows_all_again()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/modules"));
        var filter = page.GetByRole(AriaRole.Navigation, new() { Name = "Filter by theme" });

        await filter.GetByRole(AriaRole.Link, new() { Name = "polarisation", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(site.Url("/modules?theme=polarisation"));
        await Expect(Entries(page).GetByRole(AriaRole.Heading, new() { Level = 2 }))
            .ToHaveTextAsync(["Everyone in their own bubble", "Down the rabbit hole"]);
        await Expect(filter.GetByRole(AriaRole.Link, new() { Name = "polarisation", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByText("Showing the modules about “polarisation”.")).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Show all modules" }).ClickAsync();

        await Expect(Entries(page)).ToHaveCountAsync(ModuleTitles.Length);
        await Expect(filter.GetByRole(AriaRole.Link, new() { Name = "All modules" })).ToHaveAttributeAsync("aria-current", "page");
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_theme_on_a_module_page_leads_to_the_catalogue_of_that_theme()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/modules/comparison-and-well-being"));

        await page.GetByRole(AriaRole.List, new() { Name = "Themes" }).GetByRole(AriaRole.Link, new() { Name = "well-being" }).ClickAsync();

        await Expect(MainHeading(page)).ToHaveTextAsync("Modules");
        await Expect(Entries(page).GetByRole(AriaRole.Heading, new() { Level = 2 }))
            .ToHaveTextAsync(["Designed to hook", "Comparison and well-being", "Leaving and being pulled back"]);
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task The_guides_page_lists_the_six_guides_and_each_opens_with_its_contents()
    {
        var page = await browser.NewPageAsync();
        var followed = new HashSet<string>();
        await OpenFromSiteNavigationAsync(page, site.Url("/"), "Guides", "Guides");
        await Expect(Entries(page).GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(GuideTitles);
        await Expect(Entries(page).First.GetByText("For: Club organisers and teachers hosting a screening")).ToBeVisibleAsync();

        foreach (var title in GuideTitles)
        {
            await page.GotoAsync(site.Url("/guides"));
            await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();

            await Expect(MainHeading(page)).ToHaveTextAsync(title);
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Contents" }).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All guides" })).ToBeVisibleAsync();
            await page.CheckAccessibilityAsync();
            await ExpectLinksLeadSomewhereAsync(page, followed);
            await ExpectContentFitsAPhoneAsync(page);
        }
    }

    [Fact]
    public async Task A_guide_shows_its_audience_its_sections_and_a_working_table_of_contents()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/guides/screening-guide"));

        await Expect(page.GetByText("Guide · For: Club organisers and teachers hosting a screening")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Contents" }).GetByRole(AriaRole.Link, new() { Name = "After the film" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(site.Url("/guides/screening-guide#after-the-film"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "After the film", Level = 2 })).ToBeInViewportAsync();
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task An_unknown_module_or_guide_is_not_found()
    {
        var page = await browser.NewPageAsync();

        var module = await page.GotoAsync(site.Url("/modules/no-such-module"));
        Assert.Equal(404, module!.Status);
        await Expect(MainHeading(page)).ToHaveTextAsync("Page not found");
        await page.CheckAccessibilityAsync();

        var guide = await page.GotoAsync(site.Url("/guides/no-such-guide"));
        Assert.Equal(404, guide!.Status);
        await Expect(MainHeading(page)).ToHaveTextAsync("Page not found");
        await page.CheckAccessibilityAsync();
    }
}
