using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using Ganss.Xss;
using Microsoft.AspNetCore.Html;

namespace StudyGuide.Web.Security;

/// <summary>
/// The one allow-list for HTML we render from Markdown: the curriculum, posts and assignment instructions.
/// HtmlSanitizer's defaults keep forms, password inputs and inline styles, so everything here is listed
/// explicitly (docs/SECURITY.md). Sanitise the final HTML, never the Markdown.
/// </summary>
public static partial class HtmlSanitization
{
    public const string LinkRel = "nofollow ugc noopener noreferrer";

    static readonly string[] Tags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del", "s", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
        // curriculum boxes (::: activity and friends) and footnotes
        "section", "aside", "div", "sup",
    ];

    /// <summary>Our own class names; any other class is dropped.</summary>
    static readonly string[] Classes =
    [
        "box", "box-activity", "box-note", "box-prompt", "box-counterpoint", "box-contested", "box-heading",
        "glossary-link",
        "footnotes", "footnote-ref", "footnote-back-ref",
        "contains-task-list", "task-list-item",
    ];

    /// <summary>
    /// A sanitiser for Markdown output. <paramref name="allowAnchorIds"/> keeps the ids of heading anchors
    /// and footnotes, for trusted documents only: in user text an id could hijack the page's own anchors.
    /// </summary>
    public static HtmlSanitizer Create(bool allowAnchorIds = false)
    {
        var attributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "class", "role", "aria-label" };
        if (allowAnchorIds) attributes.Add("id");

        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = attributes,
            AllowedClasses = new HashSet<string>(Classes, StringComparer.Ordinal),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        })
        {
            AllowDataAttributes = false,
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement element) Tighten(element);
        };
        return sanitizer;
    }

    /// <summary>Sanitises <paramref name="html"/>; also returns the visible text, with a space between elements' words.</summary>
    public static (SanitizedHtml Html, string Text) SanitizeWithText(this HtmlSanitizer sanitizer, string html)
    {
        var document = sanitizer.SanitizeDom(html);
        var body = document.Body!;
        var safe = body.ChildNodes.ToHtml(HtmlSanitizer.DefaultOutputFormatter);
        var words = body.Descendants<IText>().Select(t => t.Data);
        var text = Whitespace().Replace(string.Join(' ', words), " ").Trim();
        return (new SanitizedHtml(safe), text);
    }

    public static SanitizedHtml SanitizeHtml(this HtmlSanitizer sanitizer, string html) =>
        new(sanitizer.Sanitize(html));

    // Attribute checks that depend on the element or the value, which HtmlSanitizer's lists cannot express.
    static void Tighten(IElement element)
    {
        if (element.LocalName == "a") element.SetAttribute("rel", LinkRel);
        // A wide table scrolls sideways on a phone; keyboard users can only scroll what can take focus.
        if (element.LocalName == "table") element.SetAttribute("tabindex", "0");
        if (element.GetAttribute("role") is { } role && role != "note") element.RemoveAttribute("role");
        if (element.HasAttribute("aria-label") && element.LocalName is not ("section" or "aside")) element.RemoveAttribute("aria-label");
        if (element.GetAttribute("id") is { } id && !AnchorId().IsMatch(id)) element.RemoveAttribute("id");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^[a-z0-9][a-z0-9:_.-]{0,99}$")]
    private static partial Regex AnchorId();
}

/// <summary>
/// HTML that went through <see cref="HtmlSanitization"/>. The one thing written unencoded: a view writes
/// it with <c>@(...)</c> like any other value, and only this type skips the encoder.
/// </summary>
public sealed class SanitizedHtml : IHtmlContent
{
    internal SanitizedHtml(string value) => Value = value;

    public string Value { get; }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(Value);

    public override string ToString() => Value;
}
