using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StudyGuide.Web.Security;

/// <summary>
/// The one pipeline for Markdown that users type (posts, assignment instructions): CommonMark, pipe tables,
/// strikethrough, autolinks and fenced code; raw HTML shown as text; images shown as links; the output
/// through the shared allow-list. Extensions are added one by one: UseAdvancedExtensions would let
/// `{onclick=...}` attributes in (docs/SECURITY.md). Callers add their own limits between
/// <see cref="Parse"/> and <see cref="ToSafeHtml"/>.
/// </summary>
public static class UserMarkdown
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .Build();

    static readonly Ganss.Xss.HtmlSanitizer Sanitizer = HtmlSanitization.Create();
    static readonly Lock SanitizerLock = new();

    /// <summary>The parsed text, or null when Markdig gives up on pathological nesting (thousands of > or [).</summary>
    public static MarkdownDocument? Parse(string markdown)
    {
        try
        {
            return Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Images become links, so nothing loads from another site; then the HTML goes through the allow-list.</summary>
    public static string ToSafeHtml(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>()) ShowImageAsLink(link);
        var html = document.ToHtml(Pipeline);
        lock (SanitizerLock) return Sanitizer.SanitizeHtml(html).Value;
    }

    /// <summary>An image would load from wherever its URL points: a link to it instead, named by its URL when it has no text.</summary>
    public static void ShowImageAsLink(LinkInline link)
    {
        if (!link.IsImage) return;
        link.IsImage = false;
        if (link.FirstChild is null) link.AppendChild(new LiteralInline(link.Url ?? ""));
    }
}
