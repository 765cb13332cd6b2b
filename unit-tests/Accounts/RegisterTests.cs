using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Accounts;

public class RegisterTests(TestDatabases databases)
{
    static Dictionary<string, string> Form(string userName, string displayName = "New Person", string password = "a fine passphrase", string email = "") => new()
    {
        ["Input.DisplayName"] = displayName,
        ["Input.UserName"] = userName,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task Registration_is_off_by_default_and_the_page_does_not_exist()
    {
        await using var app = new StudyGuideFactory(databases);
        var browser = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/account/register")).StatusCode);
        // A forged post is refused the same way (the token comes from a page that does exist).
        var post = await Forms.PostAsync(browser, "/account/sign-in", Form("sneaky"), postUrl: "/account/register");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("/account/register", await browser.GetStringAsync("/account/sign-in"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task When_an_admin_turns_it_on_anyone_can_register_and_is_signed_in_as_a_member()
    {
        await using var app = new StudyGuideFactory(databases);
        var (_, admin) = await app.SignedInUserAsync("site-admin", Roles.Admin);
        var turnedOn = await Forms.PostAsync(admin, "/admin", new Dictionary<string, string> { ["Input.AllowOpenRegistration"] = "true" }, "/admin?handler=Registration");
        Assert.Equal(HttpStatusCode.Redirect, turnedOn.StatusCode);

        var visitor = app.CreateBrowser();
        Assert.Contains("/account/register", await visitor.GetStringAsync("/account/sign-in"));
        var registered = await Forms.PostAsync(visitor, "/account/register", Form("robin", displayName: "Robin Reader", email: "robin@example.org"));

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains("Signed in as Robin Reader", await visitor.GetStringAsync("/"));
        var roles = await app.WithDbAsync(db => db.UserRoles.CountAsync(ur => db.Users.Any(u => u.Id == ur.UserId && u.UserName == "robin")));
        Assert.Equal(0, roles);
    }

    [Fact]
    public async Task A_taken_username_is_refused_clearly_keeps_what_was_typed_and_creates_nothing()
    {
        await using var app = new StudyGuideFactory(databases);
        await OpenRegistrationAsync(app);
        await app.CreateUserAsync("sam", "a fine passphrase");
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        var response = await Forms.PostAsync(app.CreateBrowser(), "/account/register", Form("Sam", displayName: "Samira Typed This"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The username Sam is already taken.", html);
        Assert.Contains("value=\"Samira Typed This\"", html);
        Assert.Contains("value=\"Sam\"", html);
        Assert.DoesNotContain("a fine passphrase", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_short_password_or_a_used_email_is_refused_and_creates_nothing()
    {
        await using var app = new StudyGuideFactory(databases);
        await OpenRegistrationAsync(app);
        await app.CreateUserAsync("kim", "a fine passphrase", email: "kim@example.org");
        var browser = app.CreateBrowser();

        var shortPassword = await Forms.PostAsync(browser, "/account/register", Form("newbie", password: "short"));
        var usedEmail = await Forms.PostAsync(browser, "/account/register", Form("other-kim", email: "KIM@example.org"));

        Assert.Contains("at least 8 characters", await shortPassword.Content.ReadAsStringAsync());
        Assert.Contains("An account with this email address already exists.", await usedEmail.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_display_name_with_control_characters_gets_a_message_and_keeps_the_form()
    {
        await using var app = new StudyGuideFactory(databases);
        await OpenRegistrationAsync(app);

        var response = await Forms.PostAsync(app.CreateBrowser(), "/account/register", Form("belly", displayName: "Bell\u0007Name"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Remove the invisible control characters from this field.", html);
        Assert.Contains("value=\"belly\"", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_form_with_a_nul_byte_gets_400_bad_request_not_an_error_page()
    {
        await using var app = new StudyGuideFactory(databases);
        await OpenRegistrationAsync(app);

        var response = await Forms.PostAsync(app.CreateBrowser(), "/account/register", Form("nully", displayName: "Bad\0Name"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form could not be read.", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    static Task OpenRegistrationAsync(StudyGuideFactory app) => app.WithDbAsync(async db =>
    {
        (await db.SiteSettings.SingleAsync()).AllowOpenRegistration = true;
        return await db.SaveChangesAsync();
    });
}
