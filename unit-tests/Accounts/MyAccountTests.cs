using System.Net;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Accounts;

public class MyAccountTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static Dictionary<string, string> PasswordChange(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
    };

    [Fact]
    public async Task The_account_page_needs_a_signed_in_user()
    {
        var response = await app.CreateBrowser().GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(response));
    }

    [Fact]
    public async Task The_account_page_shows_username_and_email_and_a_member_has_no_two_factor_link()
    {
        var (_, browser) = await app.SignedInUserAsync("mia", email: "mia@example.org");

        var html = await browser.GetStringAsync("/account");

        Assert.Contains("<title>My account ", html);
        Assert.Contains("mia@example.org", html);
        Assert.Contains("/account/password", html);
        Assert.DoesNotContain("/account/two-factor", html);
    }

    [Fact]
    public async Task Changing_the_display_name_shows_at_once_without_signing_in_again()
    {
        var (_, browser) = await app.SignedInUserAsync("leo");

        var saved = await Forms.PostAsync(browser, "/account", new Dictionary<string, string> { ["Input.DisplayName"] = "Leo the Reader" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Your name has been saved.", await browser.GetStringAsync("/account"));
        Assert.Contains("Signed in as Leo the Reader", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task An_empty_display_name_is_refused()
    {
        var (_, browser) = await app.SignedInUserAsync("nameless");

        var response = await Forms.PostAsync(browser, "/account", new Dictionary<string, string> { ["Input.DisplayName"] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your name.", await response.Content.ReadAsStringAsync());
        Assert.Contains("Signed in as nameless", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused()
    {
        var (_, browser) = await app.SignedInUserAsync("wrongpw", password: "the current passphrase");

        var response = await Forms.PostAsync(browser, "/account/password", PasswordChange("not it at all", "another long passphrase"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The current password is not correct.", await response.Content.ReadAsStringAsync());
        await app.SignedInBrowserAsync("wrongpw", "the current passphrase");
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_browser_signed_in_and_signs_out_the_others()
    {
        var (_, here) = await app.SignedInUserAsync("two-devices", password: "the current passphrase");
        var elsewhere = await app.SignedInBrowserAsync("two-devices", "the current passphrase");

        var changed = await Forms.PostAsync(here, "/account/password", PasswordChange("the current passphrase", "a newer longer passphrase"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var page = await here.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("other devices have been signed out", await page.Content.ReadAsStringAsync());
        var other = await elsewhere.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(other));
        await app.SignedInBrowserAsync("two-devices", "a newer longer passphrase");
    }

    [Fact]
    public async Task A_teacher_needs_a_10_character_password_when_changing_it()
    {
        var (_, browser) = await app.SignedInUserAsync("teacher-pw", Roles.Teacher, password: "the current passphrase");

        var response = await Forms.PostAsync(browser, "/account/password", PasswordChange("the current passphrase", "ninechars"));

        Assert.Contains("Staff accounts need a password of at least 10 characters.", await response.Content.ReadAsStringAsync());
    }
}
