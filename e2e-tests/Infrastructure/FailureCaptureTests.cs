namespace StudyGuide.E2E.Infrastructure;

public class FailureCaptureTests(Browser browser)
{
    [Fact]
    public async Task A_failed_tests_pages_are_kept_as_screenshot_and_html_and_their_contexts_closed()
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<h1>What the browser showed</h1>");
        var directory = Path.Combine(Path.GetTempPath(), "studyguide-capture-" + Guid.NewGuid().ToString("N"));
        try
        {
            await FailureCaptureAttribute.CaptureAndCloseAsync([page], directory);

            Assert.True(new FileInfo(Path.Combine(directory, "page-1.png")).Length > 0);
            Assert.Contains("<h1>What the browser showed</h1>", await File.ReadAllTextAsync(Path.Combine(directory, "page-1.html")), StringComparison.Ordinal);
            Assert.True(page.IsClosed);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_passed_tests_pages_are_closed()
    {
        var page = await browser.NewPageAsync();

        await FailureCaptureAttribute.CaptureAndCloseAsync([page], directory: null);

        Assert.True(page.IsClosed);
    }

    [Fact]
    public void A_test_name_becomes_one_safe_directory_name()
    {
        var name = FailureCaptureAttribute.FileName("Tests.Thread.Quote(author: \"a/b\", n: 2)");

        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('"', name);
        Assert.DoesNotContain(' ', name);
    }
}
