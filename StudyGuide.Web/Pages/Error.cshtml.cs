using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace StudyGuide.Web.Pages;

/// <summary>Friendly pages for status codes and unhandled errors; never a stack trace outside Development.</summary>
// Re-executed for failed POSTs too (a forged or expired form among them), so its harmless POST handler
// must not demand the very token that failed. It changes nothing.
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    // No handler parameters: a re-executed POST still carries its original body, and binding anything
    // reads the form; a body the form reader refuses (a NUL byte, say) would turn a 400 into a 500.
    public void OnGet() => Describe(CodeFromRoute());
    public void OnPost() => Describe(CodeFromRoute());

    int? CodeFromRoute() => int.TryParse(RouteData.Values["code"] as string, out var code) ? code : null;

    void Describe(int? code)
    {
        // Re-executed by the status-code middleware, or by the exception handler (no code: a 500,
        // or a 503 when the database could not be reached even after the retries).
        var status = code ?? (IsDatabaseUnavailable(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error)
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status500InternalServerError);
        if (code is null) Response.StatusCode = status;
        (Title, Explanation) = status switch
        {
            404 => (l["Page not found"].Value, l["There is nothing at this address, or you do not have access to it."].Value),
            400 => (l["Bad request"].Value, l["The form could not be read. It may have expired: go back, reload the page and try again."].Value),
            403 => (l["Not allowed"].Value, l["Your account cannot open this page."].Value),
            429 => (l["Too many attempts"].Value, l["Please wait a minute and try again."].Value),
            503 => (l["Temporarily unavailable"].Value, l["The site cannot reach its database right now. Please try again in a moment."].Value),
            _ => (l["Something went wrong"].Value, l["The error has been logged. Please try again; if it keeps happening, tell your teacher or the site administrator."].Value),
        };
    }

    static bool IsDatabaseUnavailable(Exception? error) => error switch
    {
        null => false,
        RetryLimitExceededException => true,
        NpgsqlException { IsTransient: true } => true,
        _ => IsDatabaseUnavailable(error.InnerException),
    };
}
