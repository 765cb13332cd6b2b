namespace StudyGuide.Web.Pages.Discussions;

/// <summary>The Markdown text area of every post form, with its preview.</summary>
public sealed record PostBodyField(string Id, string Name, string? Value, string? PreviewHtml, string? Label = null);
