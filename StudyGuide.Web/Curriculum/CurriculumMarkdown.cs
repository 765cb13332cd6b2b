using System.Text;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.CustomContainers;
using Markdig.Extensions.TaskLists;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Curriculum;

/// <summary>The visible, localised heading of each kind of box, in the language of the file being rendered.</summary>
public sealed record BoxLabels(string Activity, string Note, string Prompt, string Counterpoint, string Contested)
{
    public static readonly BoxLabels English = new("Activity", "Note", "Question", "Counterpoint", "Contested claim");
}

/// <summary>A problem in a Markdown body; <see cref="Line"/> counts from 0 at the body's first line.</summary>
public sealed record MarkdownIssue(int Line, string Message);

/// <summary>A link to another module or guide, checked by the loader once every slug is known.</summary>
public sealed record InternalLink(int Line, DocumentKind Kind, string Slug);

/// <summary>A `::: contested id` box, checked by the loader against the file's contested claims.</summary>
public sealed record ContestedBox(int Line, string ClaimId);

/// <param name="Complete">False when Markdig refused the text: the body is empty and only the issue says why.</param>
public sealed record RenderedMarkdown(
    RenderedBody Body, IReadOnlyList<MarkdownIssue> Issues, IReadOnlyList<InternalLink> Links, bool Complete = true)
{
    public IReadOnlyList<ContestedBox> ContestedBoxes { get; init; } = [];
}

/// <summary>
/// The one Markdig pipeline for curriculum files. Extensions are added one by one (never
/// UseAdvancedExtensions, whose generic attributes let `{onclick=...}` through), raw HTML is off,
/// and the output still goes through the sanitiser: DisableHtml does not stop `javascript:` links.
/// </summary>
public sealed class CurriculumMarkdown
{
    public static readonly IReadOnlyList<string> BoxNames = ["activity", "note", "prompt", "counterpoint", "contested"];

    /// <summary>The glossary page; a module's first bold use of a term links to its anchor there (Pages/Curriculum/Glossary).</summary>
    public const string GlossaryPath = "/glossary";

    /// <summary>Anchors the module and guide pages use for their own sections; a body heading with the same id is renamed.</summary>
    public static readonly IReadOnlySet<string> ReservedAnchors = new HashSet<string>(StringComparer.Ordinal)
    {
        "main", "contents", "objectives", "discussion-prompts", "reflection", "actions", "claims", "sources", "language-choice",
        "at-a-glance", "rubric", "exit-ticket",
    };

    readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseFootnotes()
        .UseTaskLists()
        .UseAutoIdentifiers(AutoIdentifierOptions.AutoLink | AutoIdentifierOptions.AllowOnlyAscii)
        .Use<BoxExtension>()
        .Use<TaskListAsTextExtension>()
        .DisableHtml()
        .Build();

    readonly HtmlSanitizer sanitizer = HtmlSanitization.Create(allowAnchorIds: true);

    /// <param name="glossary">
    /// For module bodies: every bold phrase must be one of its terms, and the first use of each links to it.
    /// Null for guides and handouts, whose bold is ordinary emphasis.
    /// </param>
    public RenderedMarkdown Render(string markdown, BoxLabels labels, Glossary? glossary = null)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses pathological nesting (">" x 100000) with an ArgumentException.
            return new RenderedMarkdown(
                new RenderedBody(sanitizer.SanitizeHtml(""), [], ""),
                [new MarkdownIssue(0, "the text is nested too deeply to display (too many '>' or list levels)")],
                [],
                Complete: false);
        }

        var issues = new List<MarkdownIssue>();
        var links = new List<InternalLink>();
        var contested = new List<ContestedBox>();
        AnnotateBoxes(document, sectionLevel: 1, labels, issues, contested);
        var contents = Headings(document, issues);
        InspectLinks(document, issues, links);
        if (glossary is not null) LinkGlossaryTerms(document, glossary, issues);

        var html = document.ToHtml(pipeline);
        var (safe, text) = sanitizer.SanitizeWithText(html);
        return new RenderedMarkdown(new RenderedBody(safe, contents, text), issues, links) { ContestedBoxes = contested };
    }

    static void LinkGlossaryTerms(MarkdownDocument document, Glossary glossary, List<MarkdownIssue> issues)
    {
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bold in document.Descendants<EmphasisInline>().Where(IsOutermostBold).ToList())
        {
            var block = ContainingBlock(bold);
            if (IsActivityTitle(block)) continue;
            var phrase = PlainText(bold);
            if (glossary.Find(phrase) is not { } term)
            {
                issues.Add(new MarkdownIssue(bold.Line,
                    $"the bold phrase '{phrase}' is not in the glossary: add it there (as a term or one of its 'also' forms), or write it in *italic*"));
                continue;
            }
            // A link inside a link or a heading would be invalid or noisy; the term's next use gets the link instead.
            if (block is HeadingBlock || InsideLink(bold) || !linked.Add(term.Id)) continue;
            var link = new LinkInline(GlossaryPath + "#" + term.Id, "");
            link.GetAttributes().AddClass("glossary-link");
            bold.ReplaceBy(link, copyChildren: false);
            link.AppendChild(bold);
        }
    }

    static bool IsOutermostBold(EmphasisInline emphasis)
    {
        if (emphasis.DelimiterCount != 2) return false;
        for (var parent = emphasis.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is EmphasisInline { DelimiterCount: 2 }) return false;
        }
        return true;
    }

    static bool InsideLink(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline) return true;
        }
        return false;
    }

    static Block? ContainingBlock(Inline inline)
    {
        var root = inline.Parent;
        while (root?.Parent is not null) root = root.Parent;
        return root?.ParentBlock;
    }

    // The "**Activity title (15 minutes)**" line that opens an activity box is a title, not a term.
    static bool IsActivityTitle(Block? block) =>
        block is ParagraphBlock paragraph
        && paragraph.Parent is CustomContainer box
        && box.GetData(typeof(BoxInfo)) is BoxInfo { Name: "activity" }
        && box.FirstOrDefault(b => b is ParagraphBlock) == paragraph;

    // Each box gets a heading one level below the section it sits in, so headings stay in order for screen readers.
    static void AnnotateBoxes(ContainerBlock container, int sectionLevel, BoxLabels labels, List<MarkdownIssue> issues, List<ContestedBox> contested)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    sectionLevel = heading.Level;
                    break;
                case CustomContainer box:
                    var name = box.Info?.Trim() ?? "";
                    if (!BoxNames.Contains(name))
                        issues.Add(new MarkdownIssue(box.Line, name.Length == 0
                            ? "a box needs a name: ::: activity, ::: note, ::: prompt, ::: counterpoint or ::: contested <claim-id>"
                            : $"unknown box '::: {name}'; use activity, note, prompt, counterpoint or contested"));
                    if (name == "contested")
                    {
                        var claimId = box.Arguments?.Trim() ?? "";
                        if (claimId.Length == 0)
                            issues.Add(new MarkdownIssue(box.Line, "a contested box names its claim: '::: contested <claim-id>', the 'id' of a contested claim in the front matter"));
                        else
                            contested.Add(new ContestedBox(box.Line, claimId));
                    }
                    if (box.ClosingFencedCharCount == 0)
                        issues.Add(new MarkdownIssue(box.Line, $"the box '::: {name}' is never closed; end it with a line of three colons (:::)"));
                    var level = Math.Min(sectionLevel + 1, 6);
                    box.SetData(typeof(BoxInfo), new BoxInfo(name, Label(name, labels), level));
                    AnnotateBoxes(box, level, labels, issues, contested);
                    break;
                case ContainerBlock inner:
                    AnnotateBoxes(inner, sectionLevel, labels, issues, contested);
                    break;
            }
        }
    }

    static string Label(string name, BoxLabels labels) => name switch
    {
        "activity" => labels.Activity,
        "prompt" => labels.Prompt,
        "counterpoint" => labels.Counterpoint,
        "contested" => labels.Contested,
        _ => labels.Note,
    };

    static List<TocEntry> Headings(MarkdownDocument document, List<MarkdownIssue> issues)
    {
        var contents = new List<TocEntry>();
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Level == 1)
                issues.Add(new MarkdownIssue(heading.Line, "do not use a '#' title in the body: the page shows the title from the front matter; start with '##'"));
            var attributes = heading.GetAttributes();
            if (attributes.Id is { } id && ReservedAnchors.Contains(id)) attributes.Id = id + "-section";
            if (heading.Parent is MarkdownDocument && heading.Level is 2 or 3 && attributes.Id is { } anchor)
                contents.Add(new TocEntry(heading.Level, anchor, PlainText(heading.Inline)));
        }
        return contents;
    }

    static void InspectLinks(MarkdownDocument document, List<MarkdownIssue> issues, List<InternalLink> links)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage)
            {
                // Images would load from wherever the URL points; a reader gets a plain link instead.
                issues.Add(new MarkdownIssue(link.Line, "images are not shown on StudyGuide; link to the picture instead"));
                UserMarkdown.ShowImageAsLink(link);
            }
            if (InternalTarget(link.Url) is { } target) links.Add(target with { Line = link.Line });
        }
    }

    static InternalLink? InternalTarget(string? url)
    {
        if (url is null) return null;
        var kind = url.StartsWith("/modules/", StringComparison.Ordinal) ? DocumentKind.Module
            : url.StartsWith("/guides/", StringComparison.Ordinal) ? DocumentKind.Guide
            : (DocumentKind?)null;
        if (kind is null) return null;
        var slug = url[(url.IndexOf('/', 1) + 1)..].Split('#', '?')[0].TrimEnd('/');
        return slug.Length == 0 ? null : new InternalLink(0, kind.Value, slug);
    }

    static string PlainText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        foreach (var child in inline?.Descendants<Inline>() ?? [])
        {
            switch (child)
            {
                case LiteralInline literal: text.Append(literal.Content); break;
                case CodeInline code: text.Append(code.Content); break;
            }
        }
        return text.ToString().Trim();
    }

    sealed record BoxInfo(string Name, string Label, int HeadingLevel);

    /// <summary>`::: name` blocks only: Markdig's own extension also turns `::text::` into spans, which we do not want.</summary>
    sealed class BoxExtension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
            if (!pipeline.BlockParsers.Contains<CustomContainerParser>())
                pipeline.BlockParsers.InsertBefore<FencedCodeBlockParser>(new CustomContainerParser());
        }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
            if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<BoxRenderer>())
                html.ObjectRenderers.Insert(0, new BoxRenderer());
        }
    }

    /// <summary>An activity is part of the lesson (a labelled section); notes, prompts, counterpoints and contested boxes are asides with role=note.</summary>
    sealed class BoxRenderer : HtmlObjectRenderer<CustomContainer>
    {
        protected override void Write(HtmlRenderer renderer, CustomContainer box)
        {
            var info = box.GetData(typeof(BoxInfo)) as BoxInfo ?? new BoxInfo("note", BoxLabels.English.Note, 3);
            var known = BoxNames.Contains(info.Name) ? info.Name : "note";
            var element = known == "activity" ? "section" : "aside";
            renderer.EnsureLine();
            renderer.Write('<').Write(element).Write(" class=\"box box-").Write(known).Write('"');
            if (element == "aside") renderer.Write(" role=\"note\"");
            renderer.Write(" aria-label=\"").WriteEscape(info.Label).Write("\">").WriteLine();
            renderer.Write("<h").Write(info.HeadingLevel.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Write(" class=\"box-heading\">").WriteEscape(info.Label)
                .Write("</h").Write(info.HeadingLevel.ToString(System.Globalization.CultureInfo.InvariantCulture)).Write('>').WriteLine();
            renderer.WriteChildren(box);
            renderer.Write("</").Write(element).Write('>').WriteLine();
        }
    }

    /// <summary>
    /// A task list is a checklist to print and tick by hand: a ballot-box character rather than a disabled
    /// checkbox, which screen readers announce as an unlabelled form field.
    /// </summary>
    sealed class TaskListAsTextExtension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
        }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
            if (renderer is not HtmlRenderer html) return;
            html.ObjectRenderers.RemoveAll(r => r is HtmlTaskListRenderer);
            html.ObjectRenderers.Add(new TaskListAsTextRenderer());
        }
    }

    sealed class TaskListAsTextRenderer : HtmlObjectRenderer<TaskList>
    {
        protected override void Write(HtmlRenderer renderer, TaskList task) =>
            renderer.Write(task.Checked ? "\u2611" : "\u2610");
    }
}
