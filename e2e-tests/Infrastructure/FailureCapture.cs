using System.Reflection;
using Microsoft.Playwright;
using Xunit.v3;

[assembly: StudyGuide.E2E.Infrastructure.FailureCapture]

namespace StudyGuide.E2E.Infrastructure;

/// <summary>
/// After a failed browser test, keeps what its pages last showed: a full-page screenshot, the HTML and
/// the address of each, under <see cref="Directory"/>/&lt;test&gt;/. A CI log says what failed; this
/// shows what the browser had in front of it. Every test's browser contexts are closed afterwards.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class FailureCaptureAttribute : BeforeAfterTestAttribute
{
    public const string DirectoryVariable = "STUDYGUIDE_E2E_FAILURES";

    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "studyguide-e2e-failures");

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        var pages = Browser.TakePagesOf(test.UniqueID);
        if (pages.Count == 0) return;
        // xUnit's hook is synchronous; Playwright answers on its own connection, so waiting here is safe.
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var directory = Path.Combine(Directory, FileName(test.TestDisplayName));
        Task.Run(() => CaptureAndCloseAsync(pages, failed ? directory : null)).GetAwaiter().GetResult();
    }

    /// <summary>Saves each page into <paramref name="directory"/> (none when null), then closes its context.</summary>
    internal static async Task CaptureAndCloseAsync(IReadOnlyList<IPage> pages, string? directory)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            if (directory is not null && !page.IsClosed)
            {
                try
                {
                    System.IO.Directory.CreateDirectory(directory);
                    var name = Path.Combine(directory, $"page-{i + 1}");
                    await page.ScreenshotAsync(new() { Path = name + ".png", FullPage = true });
                    await File.WriteAllTextAsync(name + ".html", $"<!-- {page.Url} -->\n" + await page.ContentAsync());
                }
                catch (PlaywrightException)
                {
                    // A page that crashed or is mid-navigation: keep whatever the others give.
                }
            }
            await page.Context.CloseAsync();
        }
    }

    internal static string FileName(string testName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(testName.Select(c => invalid.Contains(c) || c is ' ' or '(' or ')' or '"' ? '_' : c).ToArray());
        return safe.Length > 150 ? safe[..150] : safe;
    }
}
