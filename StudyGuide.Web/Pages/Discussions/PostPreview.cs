using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>The server Preview button of every post form (new discussion, reply, edit).</summary>
public static class PostPreview
{
    /// <summary>The rendered text; or null, with the reason on the form's text field.</summary>
    public static string? Render(string? markdown, ModelStateDictionary modelState, IStringLocalizer l)
    {
        modelState.Clear();
        var rendered = PostMarkdown.Render(markdown);
        if (rendered.Problem is { } problem) modelState.AddModelError("Input.Body", PostMarkdown.Describe(problem, l));
        return rendered.Problem is null ? rendered.Html : null;
    }
}
