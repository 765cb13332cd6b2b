using Xunit.Sdk;

namespace StudyGuide.E2E.Infrastructure;

/// <summary>The check every e2e test relies on must be able to fail.</summary>
public class PageChecksTests(Browser browser)
{
    [Fact]
    public async Task The_accessibility_check_fails_on_an_unlabelled_field_and_an_empty_button()
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("""<!DOCTYPE html><html lang="en"><title>t</title><main><h1>t</h1><input type="text"><button></button></main></html>""");

        var failure = await Assert.ThrowsAsync<TrueException>(page.CheckAccessibilityAsync);

        Assert.Contains("critical label", failure.Message, StringComparison.Ordinal);
        Assert.Contains("critical button-name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_without_script_fails_on_what_a_browser_without_script_shows()
    {
        // The page's script would label the field: the check must judge the page as it is without it.
        const string Html = """<!DOCTYPE html><html lang="en"><title>t</title><main><h1>t</h1><input type="text"><script src="/label.js"></script></main></html>""";
        const string Script = """document.querySelector("input").setAttribute("aria-label", "Name");""";
        var page = await browser.NewPageAsync(javaScriptEnabled: false);
        await page.RouteAsync("http://page-checks.test/**", route => route.Request.Url.EndsWith(".js", StringComparison.Ordinal)
            ? route.FulfillAsync(new() { ContentType = "text/javascript", Body = Script })
            : route.FulfillAsync(new() { ContentType = "text/html", Body = Html }));
        await page.GotoAsync("http://page-checks.test/form");

        var failure = await Assert.ThrowsAsync<TrueException>(() => page.CheckAccessibilityWithoutScriptAsync(browser));

        Assert.Contains("critical label", failure.Message, StringComparison.Ordinal);
    }
}
