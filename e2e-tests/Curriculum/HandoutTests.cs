using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static StudyGuide.E2E.Curriculum.CurriculumPages;

namespace StudyGuide.E2E.Curriculum;

/// <summary>What a teacher prints before a lesson: every handout fits one A4 sheet, and the glossary reads well.</summary>
[Collection(nameof(CurriculumSiteCollection))]
public partial class HandoutTests(CurriculumSite site, Browser browser)
{
    /// <summary>Every handout of the real English curriculum, read when the tests are listed: a new handout is a new test.</summary>
    public static TheoryData<string, string> Handouts()
    {
        var data = new TheoryData<string, string>();
        var folder = Path.Combine(CurriculumSite.RepositoryContent, "en", "handouts");
        if (!Directory.Exists(folder)) return data;
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Handouts))]
    public async Task A_handout_prints_on_exactly_one_A4_page(string module, string handout)
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(site.Url($"/modules/{module}/handouts/{handout}"));
        Assert.True(response?.Ok, $"/modules/{module}/handouts/{handout} answered {response?.Status}.");

        // The stylesheet's @page decides the sheet, as in a teacher's browser; A4 is what it must say.
        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });

        Assert.Equal(1, PageCount(pdf));
        Assert.True(IsA4(pdf), "The printed handout is not A4 (595 × 842 points).");
    }

    [Fact]
    public async Task A_handout_passes_the_accessibility_check_and_leads_back_to_its_module()
    {
        var (module, handout) = Handouts().First().Data;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url($"/modules/{module}/handouts/{handout}"));

        await Expect(MainHeading(page)).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();
        await ExpectLinksLeadSomewhereAsync(page, new HashSet<string>());

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Handout", IncludeHidden = true })).ToBeHiddenAsync();
        await Expect(MainHeading(page)).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Handout" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(site.Url("/modules/" + module));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Print the handout:" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_glossary_passes_the_accessibility_check_and_a_modules_first_bold_term_lands_on_its_definition()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/glossary"));
        await Expect(MainHeading(page)).ToHaveTextAsync("Glossary");
        await page.CheckAccessibilityAsync();

        foreach (var slug in new[] { "if-you-are-not-paying", "designed-to-hook", "comparison-and-well-being" })
        {
            await page.GotoAsync(site.Url("/modules/" + slug));
            var term = page.Locator("main .document-body a.glossary-link").First;
            if (await term.CountAsync() == 0) continue;
            var href = await term.GetAttributeAsync("href");
            await term.ClickAsync();
            await Expect(page).ToHaveURLAsync(site.Url(href!));
            var id = href!.Split('#')[1];
            await Expect(page.Locator($"dt#{id}")).ToBeInViewportAsync();
            return;
        }
        Assert.Fail("None of the first modules links a bold term to the glossary.");
    }

    /// <summary>Page objects, not the one page tree (<c>/Type /Pages</c>): Chromium writes them uncompressed.</summary>
    static int PageCount(byte[] pdf) => PageObject().Count(Encoding.Latin1.GetString(pdf));

    static bool IsA4(byte[] pdf) =>
        MediaBox().Matches(Encoding.Latin1.GetString(pdf)) is { Count: > 0 } boxes && boxes.All(m =>
            Math.Abs(double.Parse(m.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture) - 595) < 2
            && Math.Abs(double.Parse(m.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture) - 842) < 2);

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+(?<w>[\d.]+)\s+(?<h>[\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
