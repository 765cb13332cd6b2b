using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Curriculum;

/// <summary>What a reader sees and uses on the curriculum pages, by role and name.</summary>
public static class CurriculumPages
{
    public static readonly string[] ModuleTitles =
    [
        "If you are not paying for the product",
        "Designed to hook",
        "The machine on the other side of the screen",
        "Everyone in their own bubble",
        "Falsehood travels fast",
        "Down the rabbit hole",
        "Comparison and well-being",
        "Leaving and being pulled back",
        "Light bulbs are not enough",
        "Humane technology",
    ];

    public static readonly string[] GuideTitles =
    [
        "Screening guide",
        "Facilitator guide",
        "Discussion norms",
        "The film in quick facts",
        "Family guide",
        "Where to find help",
    ];

    public static ILocator SiteNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Site" });

    public static ILocator MainHeading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The entries of the catalogue or of a results list: the list items that carry a title heading.</summary>
    public static ILocator Entries(IPage page) =>
        page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading) });

    public static ILocator Pager(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Previous and next module" });

    public static async Task OpenFromSiteNavigationAsync(IPage page, string site, string link, string heading)
    {
        await page.GotoAsync(site);
        await SiteNavigation(page).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await Expect(MainHeading(page)).ToHaveTextAsync(heading);
        await page.CheckAccessibilityAsync();
    }

    /// <summary>The language switcher in the header, as a reader uses it: choose, then press the button.</summary>
    public static async Task ChooseLanguageAsync(IPage page, string language, string button)
    {
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Combobox).SelectOptionAsync(new SelectOptionValue { Label = language });
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).SubmitAndWaitForNextPageAsync();
    }

    public static async Task SearchAsync(IPage page, string words)
    {
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Searchbox).FillAsync(words);
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button).SubmitAndWaitForNextPageAsync();
    }

    /// <summary>
    /// Fails on an anchor that is not on the page, or a link to this site that answers with an error.
    /// Links to other sites are not followed: the test machines have no outside network.
    /// </summary>
    /// <param name="followed">Addresses already followed on earlier pages of the same test, not requested again.</param>
    public static async Task ExpectLinksLeadSomewhereAsync(IPage page, ISet<string> followed)
    {
        var missingAnchors = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('a[href^="#"]')]
                .map(a => a.getAttribute('href'))
                .filter(href => !document.getElementById(decodeURIComponent(href.slice(1))))
            """);
        Assert.True(missingAnchors.Length == 0, $"Links to anchors missing from {page.Url}: {string.Join(", ", missingAnchors)}");

        var internalLinks = await page.EvaluateAsync<string[]>("""
            () => [...new Set([...document.querySelectorAll('a[href^="/"]')].map(a => a.href.split('#')[0]))]
            """);
        foreach (var link in internalLinks)
        {
            if (!followed.Add(link)) continue;
            var response = await page.APIRequest.GetAsync(link);
            Assert.True(response.Ok, $"{page.Url} links to {link}, which answers {response.Status}.");
        }
    }

    /// <summary>
    /// WCAG reflow for the lesson itself: at 320 CSS pixels wide the main content needs no sideways
    /// scrolling; only a table may be wider, scrolling inside its own box.
    /// </summary>
    public static async Task ExpectContentFitsAPhoneAsync(IPage page)
    {
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(320, 640);
        try
        {
            var overflowing = await page.EvaluateAsync<string[]>("""
                () => {
                    const main = document.querySelector('main');
                    if (main.scrollWidth <= main.clientWidth) return [];
                    const right = main.getBoundingClientRect().right;
                    const scrolled = e => { for (let a = e.parentElement; a && a !== main; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
                    return [...main.querySelectorAll('*')]
                        .filter(e => e.getBoundingClientRect().right > right + 1 && !scrolled(e)
                            && ![...e.children].some(c => c.getBoundingClientRect().right > right + 1))
                        .map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> ${e.textContent.trim().slice(0, 80)}`);
                }
                """);
            Assert.True(overflowing.Length == 0, $"{page.Url} scrolls sideways at 320 pixels wide because of:\n{string.Join("\n", overflowing)}");
        }
        finally
        {
            if (size is not null) await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }
}
