using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Accounts;

public partial class SignInTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task Right_password_signs_in_and_the_home_page_greets_by_display_name()
    {
        await app.CreateUserAsync("ada", "correct horse battery", displayName: "Ada Lovelace");
        var browser = app.CreateBrowser();

        var response = await Forms.SignInAsync(browser, "ada", "correct horse battery");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await browser.GetStringAsync("/");
        Assert.Contains("Signed in as Ada Lovelace", home);
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_counts_the_failure()
    {
        var user = await app.CreateUserAsync("grace", "correct horse battery");
        var browser = app.CreateBrowser();

        var response = await Forms.SignInAsync(browser, "grace", "not the password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong username or password.", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await FailedCountAsync(user.Id));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await app.CreateUserAsync("alan", "correct horse battery");
        var browser = app.CreateBrowser();
        for (var i = 0; i < 5; i++) await Forms.SignInAsync(browser, "alan", "guess " + i);

        var response = await Forms.SignInAsync(browser, "alan", "correct horse battery");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("this account is locked", await response.Content.ReadAsStringAsync());
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join(";", values) : "";
        Assert.DoesNotContain("studyguide.auth=", cookies);
    }

    [Fact]
    public async Task Sign_in_by_email_works_for_accounts_that_have_one()
    {
        await app.CreateUserAsync("teacher-kim", "a long teacher passphrase", Roles.Teacher, email: "kim@school.example");
        var response = await Forms.SignInAsync(app.CreateBrowser(), "kim@school.example", "a long teacher passphrase");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_username_gets_the_same_answer_as_a_wrong_password()
    {
        await app.CreateUserAsync("known-here", "correct horse battery");

        var wrongPassword = await Forms.SignInAsync(app.CreateBrowser(), "known-here", "whatever it is");
        var unknownUser = await Forms.SignInAsync(app.CreateBrowser(), "nobody-here", "whatever it is");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownUser.StatusCode);
        var expected = Comparable(await wrongPassword.Content.ReadAsStringAsync(), "known-here");
        Assert.Contains("Wrong username or password.", expected);
        // The whole page, not just the message: nothing else may tell the two apart either.
        Assert.Equal(expected, Comparable(await unknownUser.Content.ReadAsStringAsync(), "nobody-here"));
    }

    // The page echoes the login typed and carries a fresh antiforgery token: both differ by design.
    static string Comparable(string html, string login) =>
        AntiforgeryValue().Replace(html, "value=\"(token)\"").Replace(login, "(login)", StringComparison.Ordinal);

    [GeneratedRegex(""""(?<=name="__RequestVerificationToken" type="hidden" )value="[^"]*"""")]
    private static partial Regex AntiforgeryValue();

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        var browser = app.CreateBrowser();
        var response = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = "ada",
            ["Input.Password"] = "correct horse battery",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Return_url_to_another_site_is_ignored()
    {
        await app.CreateUserAsync("linus", "correct horse battery");
        var browser = app.CreateBrowser();
        var response = await Forms.PostAsync(browser, "/account/sign-in?ReturnUrl=https://evil.example/",
            new Dictionary<string, string> { ["Input.Login"] = "linus", ["Input.Password"] = "correct horse battery", ["ReturnUrl"] = "https://evil.example/" });
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    async Task<int> FailedCountAsync(string userId)
    {
        var count = 0;
        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            count = await users.GetAccessFailedCountAsync((await users.FindByIdAsync(userId))!);
        });
        return count;
    }
}
