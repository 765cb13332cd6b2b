using Microsoft.Playwright;

namespace StudyGuide.E2E.Infrastructure;

public static class FormSubmission
{
    static readonly TimeSpan NextPageTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Clicks a button that submits a form, and returns once the page it leads to has loaded.
    /// The wait is subscribed before the click. <c>WaitForLoadStateAsync</c> after the click can miss a
    /// <c>load</c> that arrives between its check of the state and its subscription (a 30 s timeout on a page
    /// that had rendered, seen in CI), and it can also return at once on the old page. A failed submit
    /// that shows the same form again is a new page too, so callers may fill it again straight away.
    /// </summary>
    public static async Task SubmitAndWaitForNextPageAsync(this ILocator button)
    {
        var page = button.Page;
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await button.ClickAsync();
            await loaded.Task.WaitAsync(NextPageTimeout);
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }
}
