using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace StudyGuide.E2E.Infrastructure;

public static class PageChecks
{
    static readonly string[] FailingImpacts = ["serious", "critical"];

    /// <summary>
    /// Call on every page a test visits: fails on axe-core's serious or critical violations,
    /// and on any script or Content-Security-Policy error the page logged so far.
    /// </summary>
    public static async Task CheckAccessibilityAsync(this IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var result = await page.RunAxe();
        var failures = result.Violations
            .Where(v => FailingImpacts.Contains(v.Impact))
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")
            .ToList();
        Assert.True(failures.Count == 0, $"Accessibility violations on {page.Url}:\n{string.Join("\n", failures)}");

        var errors = Browser.ConsoleErrorsOf(page);
        Assert.True(errors.Count == 0, $"Console errors on {page.Url}:\n{string.Join("\n", errors)}");
    }
}
