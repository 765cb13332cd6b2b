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

    /// <summary>A form that could not be saved while the database was unreachable, to send again as it was.</summary>
    public UnsavedForm? Unsaved { get; private set; }

    // No handler parameters: a re-executed POST still carries its original body, and binding anything
    // reads the form; a body the form reader refuses (a NUL byte, say) would turn a 400 into a 500.
    public void OnGet() => Describe(CodeFromRoute());
    public async Task OnPostAsync()
    {
        Describe(CodeFromRoute());
        if (Response.StatusCode == StatusCodes.Status503ServiceUnavailable) Unsaved = await UnsavedForm.ReadAsync(HttpContext);
    }

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

    /// <summary>The database could not be reached, even after the retries: a 503, not a bug.</summary>
    public static bool IsDatabaseUnavailable(Exception? error) => error switch
    {
        null => false,
        RetryLimitExceededException => true,
        NpgsqlException { IsTransient: true } => true,
        _ => IsDatabaseUnavailable(error.InnerException),
    };
}

/// <summary>
/// What a person sent when the database could not be reached: shown again with the same fields (the antiforgery
/// token and the idempotency key among them), so "Send again" posts exactly what they wrote and a post that was in
/// fact saved before the outage is not saved twice. The longest text they typed is shown, to edit or copy.
/// </summary>
public sealed record UnsavedForm(string Action, IReadOnlyList<KeyValuePair<string, string>> Hidden, string TextName, string Text)
{
    public static async Task<UnsavedForm?> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType) return null;
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null; // A body the form reader refuses: nothing to keep.
        }
        // Never a password, not even back to the person who typed it: a sign-in or password form is simply sent again.
        if (form.Keys.Any(k => k.Contains("Password", StringComparison.OrdinalIgnoreCase))) return null;
        var fields = form.Where(f => f.Value.Count == 1 && f.Value[0] is not null)
            .Select(f => KeyValuePair.Create(f.Key, f.Value[0]!))
            .ToList();
        // What the person typed: not the antiforgery token, not an idempotency key or another id.
        var text = fields.Where(f => !f.Key.StartsWith("__", StringComparison.Ordinal) && !Guid.TryParse(f.Value, out _) && !int.TryParse(f.Value, out _))
            .MaxBy(f => f.Value.Length);
        if (text.Key is null || text.Value.Length == 0) return null;
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        if (path is null) return null;
        return new UnsavedForm(path + context.Request.QueryString, fields.Where(f => f.Key != text.Key).ToList(), text.Key, text.Value);
    }
}
