using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static StudyGuide.E2E.Curriculum.CurriculumPages;

namespace StudyGuide.E2E.Curriculum;

/// <summary>A printed module or guide is a handout: the lesson only, with link addresses spelled out.</summary>
[Collection(nameof(CurriculumSiteCollection))]
public class PrintTests(CurriculumSite site, Browser browser)
{
    [Fact]
    public async Task A_printed_module_has_no_navigation_spells_out_link_addresses_and_starts_each_activity_on_a_new_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/modules/if-you-are-not-paying"));
        await page.CheckAccessibilityAsync();
        await ExpectNavigationAsync(page, shown: true);
        await Expect(Pager(page)).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await ExpectNavigationAsync(page, shown: false);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Previous and next module", IncludeHidden = true })).ToBeHiddenAsync();
        await Expect(MainHeading(page)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Activity", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Three actions" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Sources and evidence" })).ToBeVisibleAsync();

        // Where the activity box sits right under its "Activity" heading, the new page starts at the heading and the box stays with it.
        var activities = await page.EvaluateAsync<ActivityBreak[]>("""
            () => [...document.querySelectorAll('main section[aria-label="Activity"]')].map(box => {
                const heading = box.previousElementSibling;
                const start = heading && /^H[1-6]$/.test(heading.tagName) ? heading : box;
                return {
                    start: start.textContent.trim(),
                    breakBefore: getComputedStyle(start).breakBefore,
                    underHeading: start !== box,
                    boxBreakBefore: getComputedStyle(box).breakBefore,
                };
            })
            """);
        Assert.NotEmpty(activities);
        Assert.All(activities, a => Assert.True(a.BreakBefore == "page" && (!a.UnderHeading || a.BoxBreakBefore == "avoid"),
            $"The activity at \"{a.Start}\" has break-before: {a.BreakBefore}, and the box itself {a.BoxBreakBefore}."));

        var address = await page.EvaluateAsync<string>("""
            () => getComputedStyle(document.querySelector('main .source-list a[href^="http"]'), '::after').content
            """);
        Assert.Contains("https://eai.org/titles/television-delivers-people", address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_printed_guide_has_no_navigation()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/guides/facilitator-guide"));
        await page.CheckAccessibilityAsync();
        await ExpectNavigationAsync(page, shown: true);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All guides" })).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await ExpectNavigationAsync(page, shown: false);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All guides", IncludeHidden = true })).ToBeHiddenAsync();
        await Expect(MainHeading(page)).ToHaveTextAsync("Facilitator guide");
        await Expect(MainHeading(page)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToBeVisibleAsync();
    }

    sealed class ActivityBreak
    {
        public string Start { get; set; } = "";
        public string BreakBefore { get; set; } = "";
        public bool UnderHeading { get; set; }
        public string BoxBreakBefore { get; set; } = "";
    }

    /// <summary>Checked on screen first, so that "hidden in print" cannot pass on an element that is not there at all.</summary>
    static async Task ExpectNavigationAsync(IPage page, bool shown)
    {
        ILocator[] navigation =
        [
            page.GetByRole(AriaRole.Banner, new() { IncludeHidden = true }),
            page.GetByRole(AriaRole.Navigation, new() { Name = "Site", IncludeHidden = true }),
            page.GetByRole(AriaRole.Navigation, new() { Name = "Contents", IncludeHidden = true }),
            page.GetByRole(AriaRole.Combobox, new() { Name = "Language", IncludeHidden = true }),
            page.GetByRole(AriaRole.Contentinfo, new() { IncludeHidden = true }),
        ];
        foreach (var element in navigation)
        {
            if (shown) await Expect(element).ToBeVisibleAsync();
            else await Expect(element).ToBeHiddenAsync();
        }
        // Off-screen until focused, so on screen it only has to exist.
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content", IncludeHidden = true });
        if (shown) await Expect(skip).ToHaveCountAsync(1);
        else await Expect(skip).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
    }
}
