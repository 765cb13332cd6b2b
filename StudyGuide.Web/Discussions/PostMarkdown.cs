using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Discussions;

public enum PostProblem
{
    Empty,
    TooLong,
    ControlCharacters,
    TooDeep,
    TooManyLinks,

    /// <summary>The post being answered does not exist or the writer cannot see it.</summary>
    ReplyNotFound,

    /// <summary>A facilitator's post in a private thread must answer one student's reflection.</summary>
    ChooseStudent,
}

/// <summary>Sanitised HTML, or the reason the text was refused (then Html is empty).</summary>
public sealed record RenderedPost(string Html, PostProblem? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Markdown typed by members, through the users' pipeline (<see cref="UserMarkdown"/>: raw HTML shown as
/// text, images as links, the shared allow-list keeping only http, https and mailto links), with a post's
/// own limits. Rendered once when a post is written; pages show the stored HTML.
/// </summary>
public static class PostMarkdown
{
    /// <summary>
    /// Bump when the pipeline or the allow-list changes (a Markdig or HtmlSanitizer upgrade included), and say
    /// so in the release notes: `posts rerender` then brings stored posts up to date (<see cref="PostRerendering"/>).
    /// </summary>
    public const int RendererVersion = 1;

    public const int MaxLength = 20_000;
    public const int MaxLinks = 20;

    /// <summary>Quotes inside lists inside quotes…: far deeper than anyone writes, far below what Markdig and the sanitiser handle.</summary>
    public const int MaxDepth = 32;

    public static PostProblem? Check(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return PostProblem.Empty;
        if (markdown.Length > MaxLength) return PostProblem.TooLong;
        if (markdown.Any(IsRefusedControl)) return PostProblem.ControlCharacters;
        if (LeadingMarkerDepth(markdown) > MaxDepth) return PostProblem.TooDeep;
        return null;
    }

    public static RenderedPost Render(string? markdown)
    {
        if (Check(markdown) is { } problem) return new RenderedPost("", problem);
        // Markdig gives up on pathological nesting: refuse, never a 500.
        if (UserMarkdown.Parse(markdown!) is not { } document || Depth(document) > MaxDepth) return new RenderedPost("", PostProblem.TooDeep);
        var links = document.Descendants<Inline>().Count(inline => inline is LinkInline or AutolinkInline);
        if (links > MaxLinks) return new RenderedPost("", PostProblem.TooManyLinks);
        return new RenderedPost(UserMarkdown.ToSafeHtml(document), null);
    }

    /// <summary>
    /// Stored text again through today's pipeline (`posts rerender`). The writing limits (length, links,
    /// nesting) are not applied again: the text was accepted when it was written, and a limit tightened
    /// since must not make it vanish. Text Markdig can no longer parse is shown as plain text.
    /// </summary>
    public static string RenderStored(string markdown)
    {
        if (markdown.Length == 0) return ""; // a deleted post
        if (UserMarkdown.Parse(markdown) is { } document) return UserMarkdown.ToSafeHtml(document);
        var encoded = System.Net.WebUtility.HtmlEncode(markdown).ReplaceLineEndings("<br>");
        return "<p>" + encoded + "</p>";
    }

    /// <summary>A message for the form, in the reader's language.</summary>
    public static string Describe(PostProblem problem, IStringLocalizer l) => problem switch
    {
        PostProblem.Empty => l["Write something before posting."],
        PostProblem.TooLong => l["A post can be at most {0} characters long; this one has more. Split it into two posts.", MaxLength],
        PostProblem.ControlCharacters => l["The text contains invisible control characters. Remove them (pasting through a plain text editor helps) and post again."],
        PostProblem.TooDeep => l["The text is nested too deeply to display (too many '>' or list levels)."],
        PostProblem.TooManyLinks => l["A post can contain at most {0} links.", MaxLinks],
        PostProblem.ReplyNotFound => l["The post you are replying to is not available."],
        _ => l["In a private thread, reply to one student's reflection (use Reply under it): your reply is seen by that student and the facilitators only."],
    };

    /// <summary>Stored HTML was sanitised when it was written; this marks it as such for the views.</summary>
    public static SanitizedHtml FromStored(string html) => new(html);

    // Tabs and line breaks are text; everything else below space (NUL first), DEL and the C1 range is not.
    static bool IsRefusedControl(char c) =>
        c is not ('\n' or '\r' or '\t') && (c < ' ' || c is >= '\u007f' and <= '\u009f');

    // A cheap bound before parsing: the most '>' and bullet markers ("- ", "* ", "+ ") opening any one line.
    static int LeadingMarkerDepth(string markdown)
    {
        var deepest = 0;
        var depth = 0;
        var atLineStart = true;
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\n')
            {
                depth = 0;
                atLineStart = true;
                continue;
            }
            if (!atLineStart) continue;
            var next = i + 1 < markdown.Length ? markdown[i + 1] : '\n';
            if (c == '>' || (c is '-' or '*' or '+' && next is ' ' or '\t')) depth++;
            else if (c is not (' ' or '\t' or '\r')) atLineStart = false;
            deepest = Math.Max(deepest, depth);
        }
        return deepest;
    }

    static int Depth(MarkdownDocument document)
    {
        var deepest = 0;
        var stack = new Stack<(Block Block, int Depth)>();
        stack.Push((document, 0));
        while (stack.Count > 0)
        {
            var (block, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            if (block is ContainerBlock container)
                foreach (var child in container) stack.Push((child, depth + 1));
        }
        return deepest;
    }
}
