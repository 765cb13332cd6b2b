using StudyGuide.Web.Security;

namespace StudyGuide.Web.Groups;

/// <summary>
/// An assignment's instructions: Markdown typed by a facilitator, rendered once when saved through the
/// users' Markdown pipeline (<see cref="UserMarkdown"/>), and stored.
/// </summary>
public static class Instructions
{
    /// <summary>Sanitised HTML, or null when the Markdown is too deeply nested to render.</summary>
    public static string? Render(string markdown) =>
        UserMarkdown.Parse(markdown) is { } document ? UserMarkdown.ToSafeHtml(document) : null;

    /// <summary>Stored HTML was sanitised when it was written; this marks it as such for the views.</summary>
    public static SanitizedHtml FromStored(string html) => new(html);
}
