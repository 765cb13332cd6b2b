using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Accounts;

public class FirstAdminSetupTests(TestDatabases databases)
{
    static Dictionary<string, string> AdminForm(string token, string password = "a good long passphrase") => new()
    {
        ["Token"] = token,
        ["Input.DisplayName"] = "Site Admin",
        ["Input.Email"] = "admin@example.org",
        ["Input.Password"] = password,
    };

    static async Task<string> IssueTokenAsync(StudyGuideFactory app) =>
        (await app.WithDbAsync(db => FirstAdminSetup.IssueTokenIfNoAdminAsync(db, app.Clock)))!;

    [Fact]
    public async Task The_setup_link_creates_the_first_admin_once()
    {
        await using var app = new StudyGuideFactory(databases);
        var token = await IssueTokenAsync(app);
        var browser = app.CreateBrowser();

        var created = await Forms.PostAsync(browser, $"/setup?token={token}", AdminForm(token));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await app.WithDbAsync(db => FirstAdminSetup.AnyAdminAsync(db)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync($"/setup?token={token}")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_or_missing_token_gets_404()
    {
        await using var app = new StudyGuideFactory(databases);
        await IssueTokenAsync(app);
        var browser = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup?token=guess")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup")).StatusCode);
    }

    [Fact]
    public async Task The_token_expires()
    {
        await using var app = new StudyGuideFactory(databases);
        var token = await IssueTokenAsync(app);
        app.Clock.Advance(FirstAdminSetup.TokenLifetime + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync($"/setup?token={token}")).StatusCode);
    }

    [Fact]
    public async Task A_short_admin_password_is_refused_and_no_account_is_left_behind()
    {
        await using var app = new StudyGuideFactory(databases);
        var token = await IssueTokenAsync(app);

        var response = await Forms.PostAsync(app.CreateBrowser(), $"/setup?token={token}", AdminForm(token, password: "nine char"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 10 characters", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task No_token_is_issued_once_an_admin_exists()
    {
        await using var app = new StudyGuideFactory(databases);
        await app.CreateUserAsync("boss", "a good long passphrase", Roles.Admin);
        Assert.Null(await app.WithDbAsync(db => FirstAdminSetup.IssueTokenIfNoAdminAsync(db, app.Clock)));
    }
}
