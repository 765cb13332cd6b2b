using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using StudyGuide.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Accounts;

public class SignInTests(TestDatabases databases, Browser browser)
{
    const string Password = "correct horse battery";

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_keeps_the_username()
    {
        await using var app = await StartWithUserAsync("grace", Password);
        var page = await browser.NewPageAsync();

        await SignInFlow.SignInAsync(page, app.BaseAddress, "grace", "not the password");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong username or password.");
        await Expect(page.GetByLabel("Username or email")).ToHaveValueAsync("grace");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(SignInFlow.SignOutButton(page)).ToHaveCountAsync(0);
        await page.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_right_one_is_refused_and_the_lockout_is_explained()
    {
        await using var app = await StartWithUserAsync("alan", Password);
        var page = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(page, app.BaseAddress, "alan", "guess 0");
        for (var i = 1; i < 5; i++) await SignInFlow.SubmitSignInAsync(page, "alan", "guess " + i);

        await SignInFlow.SubmitSignInAsync(page, "alan", Password);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("this account is locked");
        await page.CheckAccessibilityAsync();
        await page.GotoAsync(app.Url("/").ToString());
        await Expect(page.GetByText("Signed in as")).ToHaveCountAsync(0);
        await Expect(SignInFlow.SignOutButton(page)).ToHaveCountAsync(0);
        await page.CheckAccessibilityAsync();
    }

    async Task<AppProcess> StartWithUserAsync(string userName, string password)
    {
        var settings = AppSettings.WithDatabase(await databases.CreateDatabaseAsync());
        // The operator command, as an admin would create an account from the shell.
        var (exitCode, output) = await AppProcess.RunCommandAsync(settings,
            "users", "create", "--username", userName, "--email", $"{userName}@example.org", "--password", password, "--name", userName);
        Assert.True(exitCode == 0, output);
        return await AppProcess.StartAsync(settings);
    }
}
