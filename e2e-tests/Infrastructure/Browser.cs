using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace StudyGuide.E2E.Infrastructure;

/// <summary>
/// One headless Chromium per test run, launched on first use; each test gets its own context
/// (cookies, storage) from <see cref="NewPageAsync"/>.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumVariable = "STUDYGUIDE_CHROMIUM";

    // The machines we test on have no outside network: without these Chromium keeps dialling Google.
    static readonly string[] LaunchFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    static readonly ConditionalWeakTable<IPage, List<string>> ConsoleErrors = new();

    // The pages each running test opened, by test, for FailureCaptureAttribute.
    static readonly ConcurrentDictionary<string, List<IPage>> PagesByTest = new();

    readonly SemaphoreSlim launching = new(1, 1);
    IPlaywright? playwright;
    IBrowser? browser;

    /// <summary>A page in a new browser context, recording console errors for <see cref="PageChecks.CheckAccessibilityAsync"/>.</summary>
    /// <param name="javaScriptEnabled">False for a reader whose browser runs no script: every page must still work.</param>
    public async Task<IPage> NewPageAsync(bool javaScriptEnabled = true)
    {
        var context = await (await LaunchedAsync()).NewContextAsync(new() { Locale = "en-GB", JavaScriptEnabled = javaScriptEnabled });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        ConsoleErrors.Add(page, errors);
        page.Console += (_, message) =>
        {
            // A 404 or 400 page logs "Failed to load resource"; tests assert those statuses themselves.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal))
                lock (errors) errors.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (errors) errors.Add(error);
        };
        if (TestContext.Current.Test?.UniqueID is { } test)
        {
            var pages = PagesByTest.GetOrAdd(test, _ => []);
            lock (pages) pages.Add(page);
        }
        return page;
    }

    /// <summary>The pages <paramref name="testId"/> opened, forgotten from here on.</summary>
    internal static IReadOnlyList<IPage> TakePagesOf(string testId) =>
        PagesByTest.TryRemove(testId, out var pages) ? pages : [];

    internal static IReadOnlyList<string> ConsoleErrorsOf(IPage page)
    {
        if (!ConsoleErrors.TryGetValue(page, out var errors)) return [];
        lock (errors) return errors.ToList();
    }

    async Task<IBrowser> LaunchedAsync()
    {
        await launching.WaitAsync();
        try
        {
            if (browser is not null) return browser;
            var executable = FindChromium() ?? throw new InvalidOperationException(
                $"No Chromium found: install it (apt-get install chromium) or set {ChromiumVariable} to a Chrome/Chromium binary.");
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = executable,
                Headless = true,
                Args = LaunchFlags,
            });
            return browser;
        }
        finally
        {
            launching.Release();
        }
    }

    /// <summary>In order: the variable, Playwright's own downloaded browsers, Debian's chromium, Google Chrome on PATH.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{ChromiumVariable} is set to {configured}, which does not exist.");
        }

        var playwrightBrowsers = Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ms-playwright");
        if (Directory.Exists(playwrightBrowsers))
        {
            var downloaded = Directory.GetDirectories(playwrightBrowsers, "chromium-*")
                .OrderDescending(StringComparer.Ordinal)
                .SelectMany(d => Directory.GetDirectories(d, "chrome-linux*"))
                .Select(d => Path.Combine(d, "chrome"))
                .FirstOrDefault(File.Exists);
            if (downloaded is not null) return downloaded;
        }

        if (File.Exists("/usr/bin/chromium")) return "/usr/bin/chromium";

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(d => new[] { Path.Combine(d, "google-chrome"), Path.Combine(d, "google-chrome-stable") })
            .FirstOrDefault(File.Exists);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        launching.Dispose();
    }
}
