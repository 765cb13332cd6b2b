using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static StudyGuide.E2E.Curriculum.CurriculumPages;

namespace StudyGuide.E2E.Curriculum;

[Collection(nameof(CurriculumSiteCollection))]
public class WithoutJavaScriptTests(CurriculumSite site, Browser browser)
{
    [Fact]
    public async Task Theme_filter_module_pages_and_search_work_in_a_browser_that_runs_no_script()
    {
        var page = await browser.NewPageAsync(javaScriptEnabled: false);
        await page.SetContentAsync("""<p id="ran">no</p><script>document.getElementById("ran").textContent = "yes";</script>""");
        await Expect(page.Locator("#ran")).ToHaveTextAsync("no"); // the browser really runs no page script

        await page.GotoAsync(site.Url("/modules"));
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Filter by theme" })
            .GetByRole(AriaRole.Link, new() { Name = "misinformation", Exact = true }).ClickAsync();

        await Expect(Entries(page).GetByRole(AriaRole.Heading, new() { Level = 2 }))
            .ToHaveTextAsync(["Falsehood travels fast", "Down the rabbit hole"]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Falsehood travels fast" }).ClickAsync();
        await Expect(MainHeading(page)).ToHaveTextAsync("Falsehood travels fast");
        await Pager(page).GetByRole(AriaRole.Link, new() { Name = "Next module" }).ClickAsync();
        await Expect(MainHeading(page)).ToHaveTextAsync("Down the rabbit hole");

        await SiteNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await page.GetByLabel("Search the modules and guides").FillAsync("MetaFilter");
        await page.GetByLabel("Search the modules and guides").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(site.Url("/search?q=MetaFilter"));
        await Expect(Entries(page).GetByRole(AriaRole.Heading)).ToHaveTextAsync(["If you are not paying for the product"]);
        // No axe check here: axe needs script (it never finishes with script off). The other tests check these same pages.
    }
}
