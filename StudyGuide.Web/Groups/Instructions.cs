using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StudyGuide.Web.Web;

namespace StudyGuide.Web.Groups;

/// <summary>
/// An assignment's instructions: Markdown typed by a facilitator, rendered once when saved, sanitised
/// with the shared allow-list, and stored. No raw HTML; images become plain links so nothing is
/// loaded from another site.
/// </summary>
public static class Instructions
{
    /// <summary>Bump when the pipeline or the allow-list changes, so stored HTML can be re-rendered.</summary>
    public const int RendererVersion = 1;

    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .Build();

    static readonly Ganss.Xss.HtmlSanitizer Sanitizer = HtmlSanitization.Create();
    static readonly Lock SanitizerLock = new();

    /// <summary>Sanitised HTML, or null when the Markdown is too deeply nested to render.</summary>
    public static string? Render(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig gives up on pathological nesting (thousands of > or [): refuse, never a 500.
            return null;
        }
        foreach (var link in document.Descendants<LinkInline>()) link.IsImage = false;
        var html = document.ToHtml(Pipeline);
        lock (SanitizerLock) return Sanitizer.SanitizeHtml(html).Value;
    }

    /// <summary>Stored HTML was sanitised when it was written; this marks it as such for the one partial that writes HTML.</summary>
    public static SanitizedHtml FromStored(string html) => new(html);
}
