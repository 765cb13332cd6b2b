using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Web;

public partial class LocalisationTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    // L["…"] in views, l["…"] in page models, and the English texts of DataAnnotations attributes.
    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex LocaliserCall();

    [GeneratedRegex("""(?:\bErrorMessage|\bDisplay\([^)]*?\b(?:Name|Prompt|Description))\s*=\s*"((?:[^"\\]|\\.)*)"(?=\s*[,)\]])""")]
    private static partial Regex AnnotationText();

    [Fact]
    public void Every_UI_string_has_a_French_translation()
    {
        var web = Path.Combine(RepositoryRoot(), "StudyGuide.Web");
        var entries = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.fr.resx")).Root!.Elements("data").ToList();
        // The resource compiler drops names that differ only in case ("Member" and "member"): keep keys distinct.
        var caseClashes = entries.GroupBy(d => (string)d.Attribute("name")!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(caseClashes.Count == 0, "Keys that differ only in case: " + string.Join(", ", caseClashes));
        var translations = entries.ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var found = 0;
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            var keys = LocaliserCall().Matches(text).Concat(AnnotationText().Matches(text))
                .Select(m => Regex.Unescape(m.Groups[1].Value));
            foreach (var key in keys)
            {
                found++;
                if (!translations.TryGetValue(key, out var french) || string.IsNullOrWhiteSpace(french))
                    missing.Add($"{Path.GetRelativePath(web, file)}: {key}");
            }
        }

        Assert.True(found > 50, $"Only {found} localised strings found: the scan is broken.");
        Assert.True(missing.Count == 0, "Missing French translations:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task A_reader_who_chose_French_gets_French_pages()
    {
        var browser = app.CreateClient(new() { HandleCookies = false });
        browser.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr");

        var response = await browser.GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Se connecter", html);
        Assert.Contains("Aller au contenu principal", html);
    }

    [Fact]
    public async Task The_language_switcher_sets_the_culture_cookie_and_returns_to_the_page()
    {
        var browser = app.CreateBrowser();
        var response = await Forms.PostAsync(browser, "/account/sign-in",
            new Dictionary<string, string> { ["culture"] = "fr", ["returnUrl"] = "/account/sign-in" }, postUrl: "/language");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dfr", StringComparison.Ordinal));
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StudyGuide.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
