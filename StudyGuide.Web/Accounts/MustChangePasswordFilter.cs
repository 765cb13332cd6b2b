using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc;

namespace StudyGuide.Web.Accounts;

/// <summary>
/// A user whose password was set by someone else (a teacher's sheet, a reset) is sent to the
/// change-password page from every page until they choose their own. Static files, /health and
/// the calendar feed are not pages, so they pass; sign-out and the language switch pass too.
/// The flag comes from the per-request cookie check (AccountsSetup), so this costs no query.
/// </summary>
public sealed class MustChangePasswordFilter : IAsyncPageFilter
{
    public const string ChangePasswordPath = "/account/password";
    public const string ItemKey = "studyguide:must-change-password";

    static readonly string[] AllowedPaths = [ChangePasswordPath, "/account/sign-out", "/language", "/error"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.Items.ContainsKey(ItemKey) && !IsAllowed(http.Request.Path))
        {
            var returnUrl = http.Request.Path + http.Request.QueryString;
            context.Result = new RedirectResult($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return;
        }
        await next();
    }

    static bool IsAllowed(PathString path) =>
        AllowedPaths.Any(allowed => path.StartsWithSegments(allowed, StringComparison.OrdinalIgnoreCase));
}
