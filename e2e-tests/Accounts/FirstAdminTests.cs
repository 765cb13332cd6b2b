using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using StudyGuide.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Accounts;

public class FirstAdminTests(TestDatabases databases, Browser browser)
{
    [Fact]
    public async Task The_printed_setup_link_creates_the_admin_who_can_sign_out_and_back_in()
    {
        await using var app = await AppProcess.StartAsync(AppSettings.WithDatabase(await databases.CreateDatabaseAsync()));
        var page = await browser.NewPageAsync();

        await SignInFlow.CreateFirstAdminAsync(page, await app.SetupLinkAsync(), "Ada Admin", "ada@school.example", "a good long passphrase");
        await SignInFlow.SignOutAsync(page);
        await Expect(page.GetByText("Signed in as")).ToHaveCountAsync(0);
        await SignInFlow.SignInAsync(page, app.BaseAddress, "ada@school.example", "a good long passphrase");

        await Expect(page).ToHaveURLAsync(app.Url("/").ToString());
        await Expect(page.GetByText("Signed in as Ada Admin.")).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task The_setup_link_works_only_once()
    {
        await using var app = await AppProcess.StartAsync(AppSettings.WithDatabase(await databases.CreateDatabaseAsync()));
        var setupLink = await app.SetupLinkAsync();
        await SignInFlow.CreateFirstAdminAsync(await browser.NewPageAsync(), setupLink, "Ada Admin", "ada@school.example", "a good long passphrase");

        var someoneElse = await browser.NewPageAsync();
        var response = await someoneElse.GotoAsync(setupLink);

        Assert.Equal(404, response!.Status);
        await Expect(someoneElse.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Expect(someoneElse.GetByLabel("Password", new() { Exact = true })).ToHaveCountAsync(0);
        await someoneElse.CheckAccessibilityAsync();
    }
}
