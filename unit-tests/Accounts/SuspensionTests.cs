using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Admin;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Accounts;

public class SuspensionTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    const string Password = "a long enough passphrase";

    [Fact]
    public async Task A_suspended_member_loses_access_on_the_next_request_and_a_restored_one_gets_it_back()
    {
        var (_, admin) = await app.SignedInUserAsync("suspending-admin", Roles.Admin);
        var (member, memberBrowser) = await app.SignedInUserAsync("suspended-member");
        Assert.Equal(HttpStatusCode.OK, (await memberBrowser.GetAsync("/account")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await AdminForms.UserActionAsync(admin, "Suspend", member.Id)).StatusCode);

        var next = await memberBrowser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(next));
        var refused = await Forms.SignInAsync(app.CreateBrowser(), "suspended-member", Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This account is suspended.", await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await AdminForms.UserActionAsync(admin, "Restore", member.Id)).StatusCode);

        var back = await app.SignedInBrowserAsync("suspended-member", Password);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task The_admin_page_shows_who_is_suspended()
    {
        var (_, admin) = await app.SignedInUserAsync("listing-admin", Roles.Admin);
        var member = await app.CreateUserAsync("shown-suspended", Password, displayName: "Shown Suspended");

        await AdminForms.UserActionAsync(admin, "Suspend", member.Id);

        var html = await admin.GetStringAsync("/admin/users");
        Assert.Contains("Suspended since", html);
        Assert.Contains("is suspended and has been signed out everywhere", html);
    }

    [Fact]
    public async Task A_deleted_user_loses_access_on_the_next_request()
    {
        var (member, browser) = await app.SignedInUserAsync("deleted-member");

        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(member.Id))!)).Succeeded);
        });

        var next = await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(next));
    }

    [Fact]
    public async Task An_admin_cannot_suspend_themselves()
    {
        var (me, admin) = await app.SignedInUserAsync("self-suspending-admin", Roles.Admin);

        var response = await AdminForms.UserActionAsync(admin, "Suspend", me.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot suspend your own account.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
    }
}
