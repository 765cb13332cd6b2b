using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Admin;

public class AdminTests(StudyGuideFactory app, TestDatabases databases) : IClassFixture<StudyGuideFactory>
{
    const string Password = "a long enough passphrase";

    static readonly (string Page, string Handler)[] AdminPosts =
    [
        ("/admin", "Registration"),
        ("/admin/users", "GrantRole"),
        ("/admin/users", "RevokeRole"),
        ("/admin/safety-help", ""),
    ];

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/users")]
    [InlineData("/admin/safety-help")]
    public async Task Visitors_are_sent_to_sign_in_and_members_and_teachers_are_refused(string page)
    {
        var (_, member) = await app.SignedInUserAsync("curious-" + page.Replace('/', '-'));
        var (_, teacher) = await app.SignedInUserAsync("teacher" + page.Replace('/', '-'), Roles.Teacher);

        var visitor = await app.CreateBrowser().GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(visitor));
        foreach (var browser in new[] { member, teacher })
        {
            var refused = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/access-denied", Forms.RedirectPath(refused));
        }
    }

    [Fact]
    public async Task Every_admin_post_is_refused_to_a_member_even_with_a_valid_form_token()
    {
        var (member, browser) = await app.SignedInUserAsync("would-be-admin");
        var registrationBefore = await app.WithDbAsync(db => db.SiteSettings.Select(s => s.AllowOpenRegistration).SingleAsync());

        foreach (var (page, handler) in AdminPosts)
        {
            // A real token for this member, taken from a page they may open.
            var response = await Forms.PostAsync(browser, "/account", new Dictionary<string, string>
            {
                ["Input.UserId"] = member.Id,
                ["Input.Role"] = Roles.Admin,
                ["Input.AllowOpenRegistration"] = "true",
            }, $"{page}?handler={handler}");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", Forms.RedirectPath(response));
        }

        Assert.Equal(registrationBefore, await app.WithDbAsync(db => db.SiteSettings.Select(s => s.AllowOpenRegistration).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.UserRoles.CountAsync(ur => ur.UserId == member.Id)));
    }

    [Fact]
    public async Task A_granted_teacher_role_applies_once_the_person_signs_in_again()
    {
        var (_, admin) = await app.SignedInUserAsync("granting-admin", Roles.Admin);
        var (person, before) = await app.SignedInUserAsync("new-teacher");
        Assert.Equal(HttpStatusCode.NotFound, (await before.GetAsync("/account/two-factor")).StatusCode);

        var granted = await AdminForms.UserActionAsync(admin, "GrantRole", person.Id, Roles.Teacher);

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Contains("now has the role Teacher", await admin.GetStringAsync(Forms.RedirectPath(granted)));
        // The old session ends on its next request...
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(await before.GetAsync("/account")));
        // ...and the new one carries the role: the staff-only page opens.
        var after = await app.SignedInBrowserAsync("new-teacher", Password);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/account/two-factor")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_role_is_gone_on_the_next_sign_in()
    {
        var (_, admin) = await app.SignedInUserAsync("revoking-admin", Roles.Admin);
        var former = await app.CreateUserAsync("former-admin", Password, Roles.Admin);

        await AdminForms.UserActionAsync(admin, "RevokeRole", former.Id, Roles.Admin);

        var browser = await app.SignedInBrowserAsync("former-admin", Password);
        Assert.StartsWith("/account/access-denied", Forms.RedirectPath(await browser.GetAsync("/admin")));
    }

    [Fact]
    public async Task Granting_and_revoking_a_role_each_write_one_log_entry()
    {
        var (adminUser, admin) = await app.SignedInUserAsync("logging-admin", Roles.Admin);
        var person = await app.CreateUserAsync("future-moderator", Password, displayName: "Future Moderator");

        await AdminForms.UserActionAsync(admin, "GrantRole", person.Id, Roles.Moderator);
        await AdminForms.UserActionAsync(admin, "GrantRole", person.Id, Roles.Moderator); // already has it: refused, not logged
        await AdminForms.UserActionAsync(admin, "RevokeRole", person.Id, Roles.Moderator);

        var log = await app.WithDbAsync(db => db.ModerationLog.AsNoTracking().Where(e => e.TargetUserId == person.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([StudyGuide.Web.Moderation.ModerationAction.GrantRole, StudyGuide.Web.Moderation.ModerationAction.RevokeRole], log.Select(e => e.Action));
        Assert.All(log, e => Assert.Equal((adminUser.Id, "Future Moderator", Roles.Moderator), (e.ActorId, e.TargetName, e.Detail)));
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var (me, admin) = await app.SignedInUserAsync("lonely-admin", Roles.Admin);

        var response = await AdminForms.UserActionAsync(admin, "RevokeRole", me.Id, Roles.Admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot remove your own administrator role.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task An_admin_who_gives_themselves_another_role_stays_signed_in()
    {
        var (me, admin) = await app.SignedInUserAsync("busy-admin", Roles.Admin);

        await AdminForms.UserActionAsync(admin, "GrantRole", me.Id, Roles.Moderator);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_role_or_account_changes_nothing()
    {
        var (_, admin) = await app.SignedInUserAsync("careful-admin", Roles.Admin);
        var member = await app.CreateUserAsync("plain-member", Password);

        var unknownRole = await AdminForms.UserActionAsync(admin, "GrantRole", member.Id, "Superuser");
        var unknownUser = await AdminForms.UserActionAsync(admin, "GrantRole", "no-such-id", Roles.Admin);

        Assert.Contains("Unknown role.", await unknownRole.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserRoles.CountAsync(ur => ur.UserId == member.Id)));
    }

    [Fact]
    public async Task Accounts_are_listed_in_the_order_they_were_created()
    {
        var (_, admin) = await app.SignedInUserAsync("ordering-admin", Roles.Admin);
        await app.CreateUserAsync("zz-first", Password);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.CreateUserAsync("aa-second", Password);

        var html = await admin.GetStringAsync("/admin/users");

        TextOrder.AssertInOrder(html, "zz-first", "aa-second");
    }

    [Fact]
    public async Task An_admin_turns_open_registration_on_and_off()
    {
        var (_, admin) = await app.SignedInUserAsync("settings-admin", Roles.Admin);
        var visitor = app.CreateBrowser();

        await SetRegistrationAsync(admin, true);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/account/register")).StatusCode);
        await SetRegistrationAsync(admin, false);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/account/register")).StatusCode);
    }

    [Fact]
    public async Task The_admin_page_says_email_is_off_when_no_smtp_host_is_configured()
    {
        await using var withRealSender = new RealEmailFactory(databases);
        await withRealSender.CreateUserAsync("mail-admin", Password, Roles.Admin);
        var admin = await withRealSender.SignedInBrowserAsync("mail-admin", Password);

        var html = await admin.GetStringAsync("/admin");

        Assert.Contains("Email is off: messages are written to the server log. Configure StudyGuide:Smtp:Host to send email.", html);
    }

    [Fact]
    public async Task The_admin_page_says_email_is_on_when_an_smtp_host_is_configured()
    {
        await using var withRealSender = new RealEmailFactory(databases);
        withRealSender.WithSetting("StudyGuide:Smtp:Host", "smtp.school.example");
        await withRealSender.CreateUserAsync("mail-admin", Password, Roles.Admin);
        var admin = await withRealSender.SignedInBrowserAsync("mail-admin", Password);

        var html = await admin.GetStringAsync("/admin");

        Assert.Contains("Email is on", html);
        Assert.DoesNotContain("Email is off", html);
    }

    static async Task SetRegistrationAsync(HttpClient admin, bool open)
    {
        var fields = new Dictionary<string, string> { ["Input.AllowOpenRegistration"] = open ? "true" : "false" };
        var response = await Forms.PostAsync(admin, "/admin", fields, "/admin?handler=Registration");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The app's own EmailSender instead of the recording one, so the page reports what an operator would see.</summary>
    sealed class RealEmailFactory(TestDatabases databases) : StudyGuideFactory(databases)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IEmailSender>();
                services.AddSingleton<IEmailSender, EmailSender>();
            });
        }
    }
}
