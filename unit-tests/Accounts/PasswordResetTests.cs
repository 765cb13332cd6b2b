using System.Net;
using System.Text.RegularExpressions;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Accounts;

public partial class PasswordResetTests(StudyGuideFactory app, TestDatabases databases) : IClassFixture<StudyGuideFactory>
{
    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();

    static Dictionary<string, string> NewPassword(string password) => new() { ["Input.NewPassword"] = password };

    [Fact]
    public async Task The_emailed_link_sets_a_new_password()
    {
        await app.CreateUserAsync("noor", "the old passphrase", email: "noor@example.org");
        var browser = app.CreateBrowser();

        var asked = await AskForLinkAsync(browser, "Noor@Example.org");

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("If an account has this email address", await browser.GetStringAsync(asked.Headers.Location!.OriginalString));
        var link = LinkSentTo("noor@example.org");
        var reset = await Forms.PostAsync(browser, link, NewPassword("the brand new passphrase"));
        Assert.Equal("/account/sign-in", reset.Headers.Location?.OriginalString);
        Assert.Contains("Your password has been changed.", await browser.GetStringAsync("/account/sign-in"));

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(app.CreateBrowser(), "noor", "the brand new passphrase")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(app.CreateBrowser(), "noor", "the old passphrase")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_email_is_sent()
    {
        var sentBefore = app.Emails.Sent.Count;
        var browser = app.CreateBrowser();
        await app.CreateUserAsync("known", "a fine passphrase", email: "known@example.org");

        var unknown = await AskForLinkAsync(browser, "nobody@example.org");
        var known = await AskForLinkAsync(browser, "known@example.org");

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.DoesNotContain(app.Emails.Sent, e => e.To == "nobody@example.org");
        Assert.Equal(sentBefore + 1, app.Emails.Sent.Count);
    }

    [Fact]
    public async Task A_used_link_is_refused_with_a_clear_message()
    {
        await app.CreateUserAsync("once", "the old passphrase", email: "once@example.org");
        var browser = app.CreateBrowser();
        await AskForLinkAsync(browser, "once@example.org");
        var link = LinkSentTo("once@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(browser, link, NewPassword("first new passphrase"))).StatusCode);

        var again = await browser.GetStringAsync(link);

        Assert.Contains("This link is not valid any more", again);
        Assert.DoesNotContain("Input.NewPassword", again);
    }

    [Fact]
    public async Task A_forged_token_is_refused_and_changes_nothing()
    {
        var user = await app.CreateUserAsync("target", "the real passphrase", email: "target@example.org");
        var browser = app.CreateBrowser();

        var page = await browser.GetStringAsync($"/account/reset-password?userId={user.Id}&token=Zm9yZ2Vk");
        var post = await Forms.PostAsync(browser, "/account/sign-in",
            new Dictionary<string, string> { ["UserId"] = user.Id, ["Token"] = "Zm9yZ2Vk", ["Input.NewPassword"] = "attacker passphrase" },
            postUrl: "/account/reset-password");

        Assert.Contains("This link is not valid any more", page);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("This link is not valid any more", await post.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(app.CreateBrowser(), "target", "the real passphrase")).StatusCode);
    }

    [Fact]
    public async Task With_a_configured_public_url_the_link_ignores_the_request_host()
    {
        await using var pinned = new StudyGuideFactory(databases);
        pinned.WithSetting("StudyGuide:PublicUrl", "https://studyguide.school.example/");
        await pinned.CreateUserAsync("pinned", "a fine passphrase", email: "pinned@example.org");
        var browser = pinned.CreateBrowser();
        // A forged Host header must not decide where the reset link (and its token) points.
        browser.DefaultRequestHeaders.Host = "attacker.example";

        await AskForLinkAsync(browser, "pinned@example.org");

        var message = Assert.Single(pinned.Emails.Sent);
        Assert.Contains("https://studyguide.school.example/account/reset-password?userId=", message.Body);
        Assert.DoesNotContain("attacker.example", message.Body);
    }

    [Fact]
    public async Task The_page_tells_people_without_an_email_address_to_ask_their_teacher()
    {
        Assert.Contains("No email address on your account? Ask your teacher", await app.CreateBrowser().GetStringAsync("/account/forgot-password"));
    }

    static Task<HttpResponseMessage> AskForLinkAsync(HttpClient browser, string email) =>
        Forms.PostAsync(browser, "/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

    string LinkSentTo(string address)
    {
        var message = Assert.Single(app.Emails.Sent, e => e.To == address);
        Assert.Equal("Reset your StudyGuide password", message.Subject);
        // The link is absolute (it is read in a mail client); the test server answers its path and query.
        var link = new Uri(ResetLink().Match(message.Body).Value);
        return link.PathAndQuery;
    }
}
