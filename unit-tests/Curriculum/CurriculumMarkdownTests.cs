using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using StudyGuide.Web.Curriculum;
using StudyGuide.Web.Security;

namespace StudyGuide.Tests.Curriculum;

public class CurriculumMarkdownTests
{
    static readonly CurriculumMarkdown Markdown = new();

    static RenderedMarkdown Render(string markdown, BoxLabels? labels = null) => Markdown.Render(markdown, labels ?? BoxLabels.English);

    static IDocument Dom(RenderedMarkdown rendered) => new HtmlParser().ParseDocument("<body>" + rendered.Body.Html.Value);

    [Fact]
    public void Each_box_is_a_labelled_section_with_a_visible_heading_one_level_below_its_section()
    {
        var rendered = Render("""
            ## Activity

            ::: activity
            **Follow the money (25 minutes)**
            :::

            ### A detail

            ::: note
            For the teacher.
            :::

            ::: prompt
            What do you think?
            :::

            ::: counterpoint
            The other side.
            :::
            """);
        var dom = Dom(rendered);

        var activity = dom.QuerySelector("section.box.box-activity")!;
        Assert.Equal("Activity", activity.GetAttribute("aria-label"));
        Assert.Equal("Activity", activity.QuerySelector("h3.box-heading")!.TextContent);
        Assert.Contains("Follow the money", activity.TextContent);

        foreach (var (kind, label) in new[] { ("note", "Note"), ("prompt", "Question"), ("counterpoint", "Counterpoint") })
        {
            var box = dom.QuerySelector($"aside.box.box-{kind}")!;
            Assert.Equal("note", box.GetAttribute("role"));
            Assert.Equal(label, box.GetAttribute("aria-label"));
            Assert.Equal(label, box.QuerySelector("h4.box-heading")!.TextContent);
        }
        Assert.Empty(rendered.Issues);
    }

    [Fact]
    public void Box_headings_are_in_the_files_language()
    {
        var french = new BoxLabels("Activité", "Remarque", "Question", "Contrepoint", "Affirmation contestée");

        var dom = Dom(Render("::: activity\nÀ faire.\n:::\n\n::: counterpoint\nL'autre point de vue.\n:::\n", french));

        Assert.Equal("Activité", dom.QuerySelector(".box-activity .box-heading")!.TextContent);
        Assert.Equal("Contrepoint", dom.QuerySelector(".box-counterpoint")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void Headings_get_anchors_and_make_the_table_of_contents()
    {
        var rendered = Render("""
            ## Context

            Text.

            ## Key ideas

            ### Attention is limited

            ### Users, customers and products

            #### Too deep for the contents

            ## Sources
            """);

        Assert.Equal(
            [
                new TocEntry(2, "context", "Context"),
                new TocEntry(2, "key-ideas", "Key ideas"),
                new TocEntry(3, "attention-is-limited", "Attention is limited"),
                new TocEntry(3, "users-customers-and-products", "Users, customers and products"),
                // "sources" is the page's own section: a body heading with that name gets another anchor.
                new TocEntry(2, "sources-section", "Sources"),
            ],
            rendered.Body.Contents);
        var dom = Dom(rendered);
        Assert.NotNull(dom.QuerySelector("h2#context"));
        Assert.NotNull(dom.QuerySelector("h3#attention-is-limited"));
        Assert.NotNull(dom.QuerySelector("h2#sources-section"));
    }

    [Fact]
    public void A_title_heading_in_the_body_is_reported_because_the_page_already_has_one()
    {
        var rendered = Render("Intro.\n\n# A second title\n");

        Assert.Equal([new MarkdownIssue(2, "do not use a '#' title in the body: the page shows the title from the front matter; start with '##'")], rendered.Issues);
    }

    [Fact]
    public void Footnotes_tables_and_task_lists_render()
    {
        var rendered = Render("""
            A claim.[^1]

            | Role | Who pays? |
            |---|---|
            | User | Nobody |

            - [ ] Posts appear in time order.
            - [x] No like counts.

            [^1]: Orben & Przybylski, 2019.
            """);
        var dom = Dom(rendered);

        var reference = dom.QuerySelector("a.footnote-ref")!;
        Assert.Equal("#fn:1", reference.GetAttribute("href"));
        Assert.Equal("fnref:1", reference.GetAttribute("id"));
        Assert.Contains("Orben & Przybylski, 2019.", dom.QuerySelector("div.footnotes li#fn\\:1")!.TextContent);

        Assert.Equal(["Role", "Who pays?"], dom.QuerySelectorAll("table thead th").Select(th => th.TextContent));
        Assert.Equal(["User", "Nobody"], dom.QuerySelectorAll("table tbody td").Select(td => td.TextContent));

        // A printed checklist: ballot boxes as text, not unlabelled form fields.
        Assert.Empty(dom.QuerySelectorAll("input"));
        var items = dom.QuerySelectorAll("ul.contains-task-list li.task-list-item").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["\u2610 Posts appear in time order.", "\u2611 No like counts."], items);
    }

    [Fact]
    public void Every_link_is_marked_nofollow_ugc_noopener_noreferrer()
    {
        var dom = Dom(Render("[the film](https://www.thesocialdilemma.com/) and [module two](/modules/designed-to-hook)"));

        var links = dom.QuerySelectorAll("a");
        Assert.Equal(2, links.Length);
        Assert.All(links, a => Assert.Equal(HtmlSanitization.LinkRel, a.GetAttribute("rel")));
    }

    [Fact]
    public void An_image_becomes_a_link_to_it_and_is_reported()
    {
        var rendered = Render("Look: ![a tracking pixel](https://tracker.example/p.png)\n");
        var dom = Dom(rendered);

        Assert.Empty(dom.QuerySelectorAll("img"));
        var link = Assert.Single(dom.QuerySelectorAll("a"));
        Assert.Equal("https://tracker.example/p.png", link.GetAttribute("href"));
        Assert.Equal("a tracking pixel", link.TextContent);
        Assert.Equal([new MarkdownIssue(0, "images are not shown on StudyGuide; link to the picture instead")], rendered.Issues);
    }

    [Fact]
    public void A_hostile_curriculum_file_cannot_inject_script()
    {
        var rendered = Render("""
            ## Context

            <script>alert(1)</script>

            <img src=x onerror=alert(1)>

            [a](javascript:alert(1)) [b](javascript&#58;alert(1)) <javascript:alert(1)> [c](JaVaScRiPt:alert(1))

            [d](data:text/html,<script>alert(1)</script>) [e](vbscript:msgbox(1))

            para {onclick=alert(1)}

            ![x](https://tracker.example/p.png)

            <form action="https://evil.example/"><input type="password" name="p"></form>

            <div style="position:fixed;top:0">overlay</div>

            ::: note
            <iframe src="https://evil.example/"></iframe>
            :::

            ::: counterpoint
            Fair.
            :::
            """);
        var html = rendered.Body.Html.Value;
        var dom = Dom(rendered);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(dom.QuerySelectorAll("script, img, iframe, form, input, style, object, embed"));
        var attributes = dom.Body!.Descendants<IElement>().SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name == "style");
        var hrefs = dom.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!.Trim().ToLowerInvariant()).ToList();
        Assert.DoesNotContain(hrefs, href => href.StartsWith("javascript:", StringComparison.Ordinal) || href.StartsWith("data:", StringComparison.Ordinal) || href.StartsWith("vbscript:", StringComparison.Ordinal));
        Assert.Equal(["https://tracker.example/p.png"], hrefs);
        // The raw HTML is shown as text, so the author sees the mistake on the page.
        Assert.Contains("<script>alert(1)</script>", rendered.Body.Text);
    }

    [Fact]
    public void The_plain_text_for_search_keeps_words_apart()
    {
        var rendered = Render("## Context\n\nAttention is *scarce*.\n\n- one\n- two\n");

        Assert.Equal("Context Attention is scarce . one two", rendered.Body.Text);
    }

    [Fact]
    public void Pathological_nesting_is_an_issue_not_an_exception()
    {
        var rendered = Render(new string('>', 100_000) + " deep");

        Assert.False(rendered.Complete);
        Assert.Equal("", rendered.Body.Html.Value);
        Assert.Single(rendered.Issues);
    }

    [Fact]
    public void Internal_links_are_collected_with_their_line_for_the_loader_to_check()
    {
        var rendered = Render("Intro.\n\nSee [two](/modules/designed-to-hook#context) and [norms](/guides/discussion-norms/).\n\n[away](https://example.org/modules/x)\n");

        Assert.Equal(
            [new InternalLink(2, DocumentKind.Module, "designed-to-hook"), new InternalLink(2, DocumentKind.Guide, "discussion-norms")],
            rendered.Links);
    }

    static readonly Glossary Terms = new("en", "Glossary",
        [new GlossaryTerm("attention economy", "attention-economy", ["attention economies"], "Businesses that sell attention.")],
        Render("").Body);

    [Fact]
    public void A_contested_box_is_a_labelled_aside_that_names_its_claim()
    {
        var rendered = Render("## Context\n\n::: contested haidt-teen-trends\nResearchers disagree about the cause.\n:::\n");
        var box = Dom(rendered).QuerySelector("aside.box.box-contested")!;

        Assert.Equal("note", box.GetAttribute("role"));
        Assert.Equal("Contested claim", box.GetAttribute("aria-label"));
        Assert.Equal("Contested claim", box.QuerySelector("h3.box-heading")!.TextContent);
        Assert.Contains("Researchers disagree", box.TextContent);
        Assert.Equal([new ContestedBox(2, "haidt-teen-trends")], rendered.ContestedBoxes);
        Assert.Empty(rendered.Issues);
    }

    [Theory]
    [InlineData("::: contested <script>alert(1)</script>\nText.\n:::\n")]
    [InlineData("::: contested x\" onclick=\"alert(1)\nText.\n:::\n")]
    [InlineData("::: contested x {onclick=alert(1)}\nText.\n:::\n")]
    public void A_contested_box_with_a_hostile_id_stays_a_plain_box(string markdown)
    {
        var html = Render(markdown).Body.Html.Value;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("class=\"box box-contested\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_bold_use_of_a_term_links_to_the_glossary_and_later_uses_do_not()
    {
        var rendered = Markdown.Render("## The **attention economy**\n\nIn the **Attention economies** of today, the **attention economy** grows.\n", BoxLabels.English, Terms);
        var links = Dom(rendered).QuerySelectorAll("a.glossary-link");

        var link = Assert.Single(links);
        Assert.Equal(CurriculumMarkdown.GlossaryPath + "#attention-economy", link.GetAttribute("href"));
        Assert.Equal("Attention economies", link.QuerySelector("strong")!.TextContent);
        Assert.Equal(3, Dom(rendered).QuerySelectorAll("strong").Length);
        Assert.Empty(rendered.Issues);
    }

    [Fact]
    public void Without_a_glossary_bold_is_only_bold()
    {
        var rendered = Render("Some **strong words** here.");

        Assert.Empty(Dom(rendered).QuerySelectorAll("a"));
        Assert.Empty(rendered.Issues);
    }
}
