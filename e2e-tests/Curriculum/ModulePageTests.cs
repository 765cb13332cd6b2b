using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static StudyGuide.E2E.Curriculum.CurriculumPages;

namespace StudyGuide.E2E.Curriculum;

[Collection(nameof(CurriculumSiteCollection))]
public class ModulePageTests(CurriculumSite site, Browser browser)
{
    [Fact]
    public async Task A_module_opened_from_the_catalogue_shows_the_whole_lesson()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/modules"));

        await page.GetByRole(AriaRole.Link, new() { Name = "If you are not paying for the product" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(site.Url("/modules/if-you-are-not-paying"));
        await Expect(MainHeading(page)).ToHaveTextAsync("If you are not paying for the product");
        await Expect(page.GetByText("Module 1 · 50 minutes")).ToBeVisibleAsync();
        await Expect(Section(page, "Objectives").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await Expect(Section(page, "Objectives")).ToContainTextAsync("Students can explain how an advertising-funded platform earns money");

        await Expect(Section(page, "Discussion prompts").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(4);
        await Expect(Section(page, "Discussion prompts")).ToContainTextAsync("Is \"you are the product\" a fair description");
        await Expect(Section(page, "Reflection").GetByText("Pick one app you used this week.")).ToBeVisibleAsync();

        var actions = Section(page, "Three actions");
        await Expect(actions.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync([
            "For me: a habit to try",
            "For us: with the class or the community",
            "For the system: how companies or the law should change",
        ]);
        await Expect(actions.GetByText("For one week, each time you open an app")).ToBeVisibleAsync();
        await Expect(actions.GetByText("As a class, build a shared table")).ToBeVisibleAsync();
        await Expect(actions.GetByText("Decide whether advertising platforms should have to show users")).ToBeVisibleAsync();

        var sources = Section(page, "Sources and evidence");
        var contested = sources.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Social media platforms pursue three goals at once" });
        await Expect(contested.GetByText("contested", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(contested.GetByText("Facebook's published reply says")).ToBeVisibleAsync();
        await Expect(sources.GetByRole(AriaRole.Link, new() { Name = "Television Delivers People (video, about six minutes)", Exact = true }))
            .ToHaveAttributeAsync("href", "https://eai.org/titles/television-delivers-people");
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task The_four_kinds_of_box_are_labelled_sections_with_visible_headings()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/modules/if-you-are-not-paying"));

        var activity = page.GetByRole(AriaRole.Region, new() { Name = "Activity", Exact = true });
        await Expect(activity.GetByRole(AriaRole.Heading, new() { Name = "Activity", Exact = true })).ToBeVisibleAsync();
        await Expect(activity).ToContainTextAsync("Follow the money (18 minutes)");
        foreach (var (label, text) in new[]
        {
            ("Note", "This module works as an opener for the whole course."),
            ("Question", "Think of something you pay for directly"),
            ("Counterpoint", "Facebook published a reply to the film in October 2020."),
        })
        {
            var box = page.GetByRole(AriaRole.Note, new() { Name = label, Exact = true }).Filter(new() { HasText = text });
            await Expect(box.GetByRole(AriaRole.Heading, new() { Name = label, Exact = true })).ToBeVisibleAsync();
        }
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task The_table_of_contents_leads_to_the_lesson_sections_and_the_page_sections()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/modules/designed-to-hook"));
        var contents = page.GetByRole(AriaRole.Navigation, new() { Name = "Contents" });

        await contents.GetByRole(AriaRole.Link, new() { Name = "Activity", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activity", Level = 2 })).ToBeInViewportAsync();

        await contents.GetByRole(AriaRole.Link, new() { Name = "Sources and evidence" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(site.Url("/modules/designed-to-hook#sources"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sources and evidence", Level = 2 })).ToBeInViewportAsync();
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task Next_leads_through_all_ten_modules_in_order_and_previous_leads_back()
    {
        var page = await browser.NewPageAsync();
        var followed = new HashSet<string>();
        await page.GotoAsync(site.Url("/modules/if-you-are-not-paying"));
        await Expect(Pager(page).GetByRole(AriaRole.Link, new() { Name = "Previous module" })).ToHaveCountAsync(0);

        for (var i = 0; ; i++)
        {
            await Expect(MainHeading(page)).ToHaveTextAsync(ModuleTitles[i]);
            await Expect(page.GetByText($"Module {i + 1} · ")).ToBeVisibleAsync();
            // Each module has its own tables, boxes and links, so each page gets every check.
            await page.CheckAccessibilityAsync();
            await ExpectLinksLeadSomewhereAsync(page, followed);
            await ExpectContentFitsAPhoneAsync(page);
            if (i == ModuleTitles.Length - 1) break;
            await Pager(page).GetByRole(AriaRole.Link, new() { Name = "Next module" }).ClickAsync();
        }
        await Expect(Pager(page).GetByRole(AriaRole.Link, new() { Name = "Next module" })).ToHaveCountAsync(0);

        await Pager(page).GetByRole(AriaRole.Link, new() { Name = "Previous module" }).ClickAsync();
        await Expect(MainHeading(page)).ToHaveTextAsync(ModuleTitles[^2]);
        await Pager(page).GetByRole(AriaRole.Link, new() { Name = "All modules" }).ClickAsync();
        await Expect(MainHeading(page)).ToHaveTextAsync("Modules");
    }

    [Fact]
    public async Task On_a_phone_a_module_with_a_table_passes_the_accessibility_check_without_sideways_scrolling()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(320, 640);

        await page.GotoAsync(site.Url("/modules/designed-to-hook"));

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The page scrolls sideways at 320 pixels wide.");
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/modules/designed-to-hook"));

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        // The next stop is inside the lesson, not back in the header.
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_French_reader_gets_the_English_module_with_a_note_where_there_is_no_translation()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url("/modules/designed-to-hook"));

        await ChooseLanguageAsync(page, "Français", "Change");

        await Expect(page).ToHaveURLAsync(site.Url("/modules/designed-to-hook"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByText("Ce module n'est pas encore traduit ; la version anglaise est affichée.")).ToBeVisibleAsync();
        await Expect(MainHeading(page)).ToHaveTextAsync("Designed to hook");
        await Expect(MainHeading(page)).ToHaveAttributeAsync("lang", "en");
        await page.CheckAccessibilityAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Module précédent" }).ClickAsync();

        await Expect(MainHeading(page)).ToHaveTextAsync(CurriculumSite.TranslatedModuleTitle);
        await Expect(MainHeading(page)).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByText("pas encore traduit")).ToHaveCountAsync(0);
        await page.CheckAccessibilityAsync();
    }

    static ILocator Section(IPage page, string heading) => page.GetByRole(AriaRole.Region, new() { Name = heading, Exact = true });
}
