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
}
