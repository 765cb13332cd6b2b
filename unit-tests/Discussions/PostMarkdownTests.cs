using System.Text.RegularExpressions;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Tests.Discussions;

/// <summary>What members type is rendered once, safely: nothing they write can run, load or style anything.</summary>
public partial class PostMarkdownTests
{
    public static TheoryData<string> HostileInputs => new()
    {
        "<script>alert(1)</script>",
        "Hello <script>alert(document.cookie)</script> world",
        "[x](javascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](java\tscript:alert(1))",
        "<javascript:alert(1)>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](https://example.org){onclick=alert(1)}",
        "# Title {onclick=alert(1)}",
        "<svg onload=alert(1)>",
        "<img src=x onerror=alert(1)>",
        "![remote](https://tracker.example.com/pixel.png)",
        "![x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<iframe src=\"https://example.org\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "<form action=\"https://evil.example\"><input name=password></form>",
        "<<script>script>alert(1)<</script>/script>",
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Hostile_markdown_produces_no_script_no_event_attribute_no_dangerous_link_and_no_image(string markdown)
    {
        var rendered = PostMarkdown.Render(markdown);

        Assert.True(rendered.IsValid, $"refused: {rendered.Problem}");
        AssertSafe(rendered.Html);
    }

    [Fact]
    public void Ten_thousand_nested_quotes_are_refused_with_a_reason_not_an_exception()
    {
        var rendered = PostMarkdown.Render(new string('>', 10_000) + " deep");

        Assert.Equal(PostProblem.TooDeep, rendered.Problem);
        Assert.Equal("", rendered.Html);
    }

    [Fact]
    public void Deeply_nested_lists_and_quotes_on_separate_lines_are_refused()
    {
        var lines = Enumerable.Range(0, 100).Select(i => new string(' ', i * 2) + "- item");
        Assert.Equal(PostProblem.TooDeep, PostMarkdown.Render(string.Join('\n', lines)).Problem);
        Assert.Equal(PostProblem.TooDeep, PostMarkdown.Render(string.Concat(Enumerable.Repeat("> - ", 100)) + "x").Problem);
    }

    [Fact]
    public void A_long_horizontal_rule_is_not_mistaken_for_nesting()
    {
        Assert.True(PostMarkdown.Render("Above\n\n" + new string('-', 80) + "\n\nBelow").IsValid);
    }

    [Fact]
    public void Links_keep_http_https_and_mailto_with_rel_nofollow_ugc_noopener()
    {
        var html = PostMarkdown.Render("[a](https://example.org/a) [b](http://example.org/b) [c](mailto:someone@example.org) https://example.org/auto").Html;

        Assert.Contains("href=\"https://example.org/a\"", html);
        Assert.Contains("href=\"http://example.org/b\"", html);
        Assert.Contains("href=\"mailto:someone@example.org\"", html);
        Assert.Contains("href=\"https://example.org/auto\"", html);
        Assert.All(Anchors().Matches(html), a => Assert.Contains("rel=\"nofollow ugc noopener noreferrer\"", a.Value));
    }

    [Fact]
    public void Tables_strikethrough_and_fenced_code_render()
    {
        var html = PostMarkdown.Render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n```\ncode <b>\n```").Html;

        Assert.Contains("<table>", html);
        Assert.Contains("<del>gone</del>", html);
        Assert.Contains("<pre><code>code &lt;b&gt;", html);
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = PostMarkdown.Render("I like <b>bold</b> tags").Html;

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
    }

    [Fact]
    public void An_image_becomes_a_link_to_it()
    {
        var html = PostMarkdown.Render("![a cat](https://example.org/cat.png)").Html;

        Assert.DoesNotContain("<img", html);
        Assert.Contains("<a href=\"https://example.org/cat.png\"", html);
        Assert.Contains("a cat", html);
    }

    [Theory]
    [InlineData("", PostProblem.Empty)]
    [InlineData("   \n\t  ", PostProblem.Empty)]
    [InlineData("nul \0 here", PostProblem.ControlCharacters)]
    [InlineData("bell \u0007", PostProblem.ControlCharacters)]
    [InlineData("escape \u001b[31m", PostProblem.ControlCharacters)]
    [InlineData("c1 \u0085", PostProblem.ControlCharacters)]
    public void Unacceptable_text_is_refused_with_its_reason(string markdown, PostProblem problem)
    {
        Assert.Equal(problem, PostMarkdown.Render(markdown).Problem);
    }

    [Fact]
    public void Tabs_and_line_breaks_are_ordinary_text()
    {
        Assert.True(PostMarkdown.Render("one\r\ntwo\n\tthree").IsValid);
    }

    [Fact]
    public void Twenty_thousand_characters_pass_and_one_more_is_refused()
    {
        Assert.True(PostMarkdown.Render(new string('a', PostMarkdown.MaxLength)).IsValid);
        Assert.Equal(PostProblem.TooLong, PostMarkdown.Render(new string('a', PostMarkdown.MaxLength + 1)).Problem);
    }

    [Fact]
    public void Twenty_links_pass_and_twenty_one_are_refused()
    {
        static string Links(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"[l{i}](https://example.org/{i})"));
        Assert.True(PostMarkdown.Render(Links(PostMarkdown.MaxLinks)).IsValid);
        Assert.Equal(PostProblem.TooManyLinks, PostMarkdown.Render(Links(PostMarkdown.MaxLinks + 1)).Problem);
        Assert.Equal(PostProblem.TooManyLinks, PostMarkdown.Render(string.Join(' ', Enumerable.Range(0, 21).Select(i => $"https://example.org/{i}"))).Problem);
    }

    // Checked on the parsed DOM, as a browser would read it: text that merely shows "<script>" is fine.
    static void AssertSafe(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, (string[])["script", "img", "svg", "iframe", "form", "input", "object", "embed", "style", "math"]);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event attribute in {html}");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("src", attribute.Name);
            }
            if (element.GetAttribute("href") is { } href)
            {
                var target = href.Trim();
                Assert.True(
                    target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("http://", StringComparison.Ordinal)
                    || target.StartsWith("mailto:", StringComparison.Ordinal),
                    $"dangerous href {target} in {html}");
            }
        }
    }

    [GeneratedRegex("<a [^>]*>")]
    private static partial Regex Anchors();
}
