using StudyGuide.Web.Security;

namespace StudyGuide.Tests.Web;

/// <summary>The shared allow-list: what survives is only what we listed (HtmlSanitizer's defaults keep far too much).</summary>
public class HtmlSanitizationTests
{
    [Theory]
    [InlineData("""<form action="https://evil.example/"><input type="password" name="p"></form>""")]
    [InlineData("""<div style="position:fixed;top:0;left:0">Your session expired</div>""")]
    [InlineData("""<img src="https://tracker.example/p.png">""")]
    [InlineData("""<svg><script>alert(1)</script></svg>""")]
    [InlineData("""<a href="  javascript:alert(1)">x</a>""")]
    [InlineData("""<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>""")]
    [InlineData("""<p onmouseover="alert(1)">x</p>""")]
    [InlineData("""<iframe src="https://evil.example/"></iframe>""")]
    public void Dangerous_html_is_removed(string html)
    {
        var safe = HtmlSanitization.Create().SanitizeHtml(html).Value;

        foreach (var forbidden in new[] { "<form", "<input", "style=", "<img", "<svg", "<script", "javascript:", "data:", "onmouseover", "<iframe" })
            Assert.DoesNotContain(forbidden, safe, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Only_our_own_class_names_survive()
    {
        var safe = HtmlSanitization.Create().SanitizeHtml("""<aside class="box box-note sr-only-trick" role="note" aria-label="Note">x</aside><p class="box-note" role="alert">y</p>""").Value;

        Assert.Equal("""<aside class="box box-note" role="note" aria-label="Note">x</aside><p class="box-note">y</p>""", safe);
    }

    [Fact]
    public void Ids_are_kept_only_for_trusted_documents()
    {
        const string html = """<h2 id="context">Context</h2>""";

        Assert.Equal("<h2>Context</h2>", HtmlSanitization.Create().SanitizeHtml(html).Value);
        Assert.Equal(html, HtmlSanitization.Create(allowAnchorIds: true).SanitizeHtml(html).Value);
    }

    [Fact]
    public void Links_keep_safe_addresses_and_get_rel()
    {
        var safe = HtmlSanitization.Create().SanitizeHtml("""<a href="https://example.org/" target="_blank">a</a> <a href="mailto:help@example.org">b</a> <a href="/modules/x">c</a>""").Value;

        Assert.Equal(
            """<a href="https://example.org/" rel="nofollow ugc noopener noreferrer">a</a> <a href="mailto:help@example.org" rel="nofollow ugc noopener noreferrer">b</a> <a href="/modules/x" rel="nofollow ugc noopener noreferrer">c</a>""",
            safe);
    }
}
