using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace StudyGuide.E2E.Infrastructure;

public static partial class PageChecks
{
    static readonly string[] FailingImpacts = ["serious", "critical"];

    // Only violations are read: axe then leaves out the details of every rule that passed or did not apply,
    // which made up most of each result that the browser serialised and the test host parsed.
    static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    /// <summary>
    /// Call on every page a test visits: fails on axe-core's serious or critical violations,
    /// and on any script or Content-Security-Policy error the page logged so far.
    /// </summary>
    public static async Task CheckAccessibilityAsync(this IPage page)
    {
        // The document's own state, polled: WaitForLoadStateAsync right after a click that navigates can miss the new
        // document's load event and wait out its timeout on a page long loaded (seen in CI).
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        // A document axe has already passed (the sign-in form before each of a run's many sign-ins) would pass again:
        // the same markup, stylesheets and viewport. Only its per-request values differ.
        var document = PerRequestValues().Replace(await page.ContentAsync(), "");
        if (PassedDocuments.ContainsKey(document))
        {
            AssertNoConsoleErrors(page);
            return;
        }
        var result = await page.RunAxe(ViolationsOnly);
        var failures = result.Violations
            .Where(v => FailingImpacts.Contains(v.Impact))
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")
            .ToList();
        Assert.True(failures.Count == 0, $"Accessibility violations on {page.Url}:\n{string.Join("\n", failures)}");
        AssertNoConsoleErrors(page);
        PassedDocuments.TryAdd(document, 0);
    }

    static void AssertNoConsoleErrors(IPage page)
    {
        var errors = Browser.ConsoleErrorsOf(page);
        Assert.True(errors.Count == 0, $"Console errors on {page.Url}:\n{string.Join("\n", errors)}");
    }

    // The documents axe passed, without the values each response makes anew.
    static readonly ConcurrentDictionary<string, byte> PassedDocuments = new();

    [GeneratedRegex("""<input[^>]*name="(?:__RequestVerificationToken|Input\.IdempotencyKey)"[^>]*>""")]
    private static partial Regex PerRequestValues();

    /// <summary>
    /// The same check for a page opened in a browser that runs no script (<c>javaScriptEnabled: false</c>), where axe
    /// itself cannot run: the document as that browser built it is served again, at its own address, to a browser
    /// that runs axe, with the page's own scripts answered empty so that they change nothing.
    /// </summary>
    public static async Task CheckAccessibilityWithoutScriptAsync(this IPage page, Browser browser)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var address = page.Url;
        var document = address.Split('#')[0]; // what the browser asks the server for
        var html = await page.ContentAsync();
        var title = await page.TitleAsync();
        var errors = Browser.ConsoleErrorsOf(page);
        Assert.True(errors.Count == 0, $"Console errors on {address}:\n{string.Join("\n", errors)}");

        var copy = await browser.NewPageAsync();
        await copy.RouteAsync("**/*", async route =>
        {
            var request = route.Request;
            if (request.IsNavigationRequest && request.Url == document)
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            else if (request.ResourceType == "script")
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = "" });
            else
                await route.ContinueAsync();
        });
        await copy.GotoAsync(address);
        // The copy, not whatever the server would answer a browser without the session (the sign-in page).
        Assert.Equal(title, await copy.TitleAsync());
        await copy.CheckAccessibilityAsync();
        await copy.Context.CloseAsync();
    }
}
