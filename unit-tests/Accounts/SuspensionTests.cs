using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Tests.Moderation;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Accounts;

public class SuspensionTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    const string Password = "a long enough passphrase";

    static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_suspended_member_loses_access_on_the_next_request_sees_the_reason_and_gets_it_back_when_lifted()
    {
        var (_, admin) = await app.SignedInUserAsync(Unique("suspending-admin"), Roles.Admin);
        var (member, memberBrowser) = await app.SignedInUserAsync(Unique("suspended-member"));
        Assert.Equal(HttpStatusCode.OK, (await memberBrowser.GetAsync("/account")).StatusCode);

        var suspended = await ModerationForms.SuspendAsync(admin, member.Id, "Insults in several groups");

        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Contains("is suspended until someone lifts it", await admin.GetStringAsync(Forms.RedirectPath(suspended)));
        var next = await memberBrowser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(next));
        var refused = await Forms.SignInAsync(app.CreateBrowser(), member.UserName!, Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("This account is suspended. Reason: Insults in several groups.", refusal);

        Assert.Equal(HttpStatusCode.Redirect, (await ModerationForms.LiftAsync(admin, member.Id)).StatusCode);

        var back = await app.SignedInBrowserAsync(member.UserName!, Password);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/account")).StatusCode);
        var log = await app.WithDbAsync(db => db.ModerationLog.AsNoTracking().Where(e => e.TargetUserId == member.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([ModerationAction.Suspend, ModerationAction.Unsuspend], log.Select(e => e.Action));
        Assert.Equal(("Insults in several groups", "indefinitely"), (log[0].Reason, log[0].Detail));
    }

    [Fact]
    public async Task A_suspension_with_an_end_shows_it_and_lifts_by_itself_once_it_has_passed()
    {
        var (_, moderator) = await app.SignedInUserAsync(Unique("timing-moderator"), Roles.Moderator);
        var member = await app.CreateUserAsync(Unique("briefly-suspended"), Password);
        var end = app.Clock.GetUtcNow().AddDays(3);
        var typed = end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm");

        Assert.Equal(HttpStatusCode.Redirect, (await ModerationForms.SuspendAsync(moderator, member.Id, "Spam", typed)).StatusCode);

        var stored = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.Id));
        Assert.Equal((end.UtcDateTime.ToString("yyyy-MM-dd HH:mm"), "Spam"), (stored.SuspendedUntil!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm"), stored.SuspensionReason));
        var refused = await Forms.SignInAsync(app.CreateBrowser(), member.UserName!, Password);
        Assert.Contains($"This account is suspended until {end.UtcDateTime:yyyy-MM-dd HH:mm} (UTC). Reason: Spam", await refused.Content.ReadAsStringAsync());
        Assert.Equal("until " + end.UtcDateTime.ToString("yyyy-MM-dd HH:mm") + " UTC",
            await app.WithDbAsync(db => db.ModerationLog.Where(e => e.TargetUserId == member.Id).Select(e => e.Detail).SingleAsync()));

        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

        var back = await app.SignedInBrowserAsync(member.UserName!, Password);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task A_moderator_cannot_suspend_an_admin_and_nobody_can_suspend_themselves()
    {
        var (moderatorUser, moderator) = await app.SignedInUserAsync(Unique("bold-moderator"), Roles.Moderator);
        var (adminUser, admin) = await app.SignedInUserAsync(Unique("protected-admin"), Roles.Admin);

        var onAdmin = await ModerationForms.SuspendAsync(moderator, adminUser.Id);
        var onSelf = await ModerationForms.SuspendAsync(admin, adminUser.Id);
        var moderatorOnSelf = await ModerationForms.SuspendAsync(moderator, moderatorUser.Id);

        Assert.Equal(HttpStatusCode.OK, onAdmin.StatusCode);
        Assert.Contains("Only an administrator can suspend an administrator", await onAdmin.Content.ReadAsStringAsync());
        Assert.Contains("You cannot suspend your own account.", await onSelf.Content.ReadAsStringAsync());
        Assert.Contains("You cannot suspend your own account.", await moderatorOnSelf.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => (u.Id == adminUser.Id || u.Id == moderatorUser.Id) && u.SuspendedAt != null)));
        Assert.False(await app.WithDbAsync(db => db.ModerationLog.AnyAsync(e => e.TargetUserId == adminUser.Id || e.TargetUserId == moderatorUser.Id)));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_suspension_needs_a_reason_and_an_end_in_the_future()
    {
        var (_, admin) = await app.SignedInUserAsync(Unique("careful-admin"), Roles.Admin);
        var member = await app.CreateUserAsync(Unique("kept-member"), Password);

        var noReason = await ModerationForms.SuspendAsync(admin, member.Id, "");
        var past = await ModerationForms.SuspendAsync(admin, member.Id, "Spam", app.Clock.GetUtcNow().AddHours(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm"));

        Assert.Contains("Give a reason: the person sees it when they try to sign in.", await noReason.Content.ReadAsStringAsync());
        Assert.Contains("The end of the suspension must be in the future.", await past.Content.ReadAsStringAsync());
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.SuspendedAt).SingleAsync()));
    }

    [Fact]
    public async Task The_page_finds_accounts_by_name_and_lists_who_is_suspended()
    {
        var (_, moderator) = await app.SignedInUserAsync(Unique("finding-moderator"), Roles.Moderator);
        var member = await app.CreateUserAsync(Unique("findable"), Password, displayName: "Zoé Findable");
        await ModerationForms.SuspendAsync(moderator, member.Id, "Spam");

        var found = await moderator.GetStringAsync("/moderation/users?q=" + Uri.EscapeDataString("zoé find"));
        var none = await moderator.GetStringAsync("/moderation/users?q=" + Uri.EscapeDataString("%"));

        Assert.Contains("Zoé Findable", found);
        Assert.Contains("Suspended until lifted: Spam", found);
        Assert.Contains("Zoé Findable", await moderator.GetStringAsync("/moderation/users"));
        Assert.Contains("No account matches.", none);
    }

    [Fact]
    public async Task Members_are_refused_the_page_and_visitors_are_sent_to_sign_in()
    {
        var (member, browser) = await app.SignedInUserAsync(Unique("curious-member"));
        var (_, teacher) = await app.SignedInUserAsync(Unique("curious-teacher"), Roles.Teacher);

        foreach (var refused in new[] { browser, teacher })
            ModerationForms.AssertForbidden(await refused.GetAsync("/moderation/users"));
        var posted = await Forms.PostAsync(browser, "/account", new Dictionary<string, string> { ["Input.Reason"] = "x" },
            $"/moderation/users?handler=Suspend&userId={member.Id}");
        ModerationForms.AssertForbidden(posted);
        var visitor = await app.CreateBrowser().GetAsync("/moderation/users");
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(visitor));
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.SuspendedAt).SingleAsync()));
    }

    [Fact]
    public async Task The_admin_accounts_page_links_to_the_suspension_page_and_shows_who_is_suspended()
    {
        var (_, admin) = await app.SignedInUserAsync(Unique("listing-admin"), Roles.Admin);
        var member = await app.CreateUserAsync(Unique("shown-suspended"), Password, displayName: "Shown Suspended");
        await ModerationForms.SuspendAsync(admin, member.Id, "Spam");

        var html = await admin.GetStringAsync("/admin/users?pageNumber=1");

        Assert.Contains("Suspended since", html);
        Assert.Contains($"href=\"/moderation/users?userId={member.Id}\"", html);
    }

    [Fact]
    public async Task A_deleted_user_loses_access_on_the_next_request()
    {
        var (member, browser) = await app.SignedInUserAsync(Unique("deleted-member"));

        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(member.Id))!)).Succeeded);
        });

        var next = await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(next));
    }
}
