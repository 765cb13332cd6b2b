using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Accounts;

/// <summary>
/// A user whose password was set by someone else (a teacher's sheet, a reset) is sent to the
/// change-password page from every page until they choose their own. Static files, /health and
/// the calendar feed are not pages, so they pass; sign-out and the language switch pass too.
/// </summary>
public sealed class MustChangePasswordFilter(AppDbContext db) : IAsyncPageFilter
{
    public const string ChangePasswordPath = "/account/password";

    static readonly string[] AllowedPaths = [ChangePasswordPath, "/account/sign-out", "/language", "/error"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && !IsAllowed(http.Request.Path)
            && await db.Users.AnyAsync(u => u.Id == userId && u.MustChangePassword, http.RequestAborted))
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
