using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Accounts;

/// <summary>The steps a person takes, by the labels and names they see; each page is checked as it is reached.</summary>
public static class SignInFlow
{
    public static async Task CreateFirstAdminAsync(IPage page, string setupLink, string name, string email, string password)
    {
        await page.GotoAsync(setupLink);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Create the first administrator");
        await page.CheckAccessibilityAsync();
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await Expect(SignOutButton(page)).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();
    }

    public static async Task SignOutAsync(IPage page)
    {
        await SignOutButton(page).ClickAsync();
        await Expect(SiteNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();
    }

    /// <summary>Opens the sign-in page from the site navigation and submits the form; the caller asserts where it led.</summary>
    public static async Task SignInAsync(IPage page, Uri site, string login, string password)
    {
        if (!page.Url.StartsWith(site.ToString(), StringComparison.Ordinal)) await page.GotoAsync(site.ToString());
        await SiteNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await page.CheckAccessibilityAsync();
        await SubmitSignInAsync(page, login, password);
    }

    /// <summary>Fills and submits the sign-in form the page is showing.</summary>
    public static async Task SubmitSignInAsync(IPage page, string login, string password)
    {
        await page.GetByLabel("Username or email").FillAsync(login);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).SubmitAndWaitForNextPageAsync();
    }

    public static ILocator SignOutButton(IPage page) =>
        SiteNavigation(page).GetByRole(AriaRole.Button, new() { Name = "Sign out" });

    public static ILocator SiteNavigation(IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Site" });
}
