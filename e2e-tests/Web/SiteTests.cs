using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using StudyGuide.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Web;

public class SiteTests(TestDatabases databases, Browser browser)
{
    [Fact]
    public async Task The_home_page_is_styled_by_its_own_stylesheet()
    {
        await using var app = await AppProcess.StartAsync(AppSettings.WithDatabase(await databases.CreateDatabaseAsync()));
        var page = await browser.NewPageAsync();

        await page.GotoAsync(app.Url("/").ToString());
        await page.CheckAccessibilityAsync();

        // A stylesheet served empty (the browser asks for the gzip variant) would still answer 200.
        var rules = await page.EvaluateAsync<int>("() => [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)");
        Assert.True(rules > 0, "The home page's stylesheets have no rules.");
        var css = await page.GotoAsync(app.Url("/css/site.css").ToString());
        Assert.Equal(200, css!.Status);
        Assert.StartsWith("text/css", css.Headers["content-type"], StringComparison.Ordinal);
        Assert.NotEmpty(await css.BodyAsync());
    }

    [Fact]
    public async Task An_unknown_address_shows_the_friendly_not_found_page()
    {
        await using var app = await AppProcess.StartAsync(AppSettings.WithDatabase(await databases.CreateDatabaseAsync()));
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync(app.Url("/no/such/page").ToString());

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" })).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();
    }
}
