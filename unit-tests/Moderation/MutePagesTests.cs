using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Moderation;

public class MutePagesTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static string Page(Group group) => $"/groups/{group.Id}/moderation/members";

    /// <summary>A time as the group's members would type it in the box, <paramref name="fromNow"/> ahead of the fake clock.</summary>
    string TypedIn(Group group, TimeSpan fromNow) =>
        GroupTime.ToWallClock(app.Clock.GetUtcNow() + fromNow, group.TimeZoneInfo).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_facilitator_mutes_a_member_until_a_time_in_the_groups_zone_and_it_is_logged()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member", displayName: "Muted Member");
        var group = await app.GroupAsync(teacher, timeZone: "America/New_York");
        await app.AddAsync(group, member);
        var browser = await app.SignedInAsync(teacher);

        var response = await ModerationForms.MuteAsync(browser, group.Id, member.Id, "2026-09-10T18:00", "Insults in the debate");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mute = await app.DbAsync(db => db.GroupMutes.AsNoTracking().SingleAsync(m => m.GroupId == group.Id));
        // 18:00 in New York in September (EDT, UTC-4) is 22:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 9, 10, 22, 0, 0, TimeSpan.Zero), mute.Until);
        Assert.Equal(("Insults in the debate", member.Id, teacher.Id), (mute.Reason, mute.UserId, mute.CreatedByUserId));
        var entry = await app.DbAsync(db => db.ModerationLog.AsNoTracking().SingleAsync(e => e.GroupId == group.Id));
        Assert.Equal((ModerationAction.Mute, member.Id, "Muted Member", "Insults in the debate"), (entry.Action, entry.TargetUserId, entry.TargetName, entry.Reason));
        var html = await browser.GetStringAsync(Forms.RedirectPath(response));
        Assert.Contains("Muted Member is muted in this group until", html);
        Assert.Contains("Insults in the debate", html);
        Assert.Contains($"action=\"/groups/{group.Id}/moderation/members?handler=Mute\"", html);
    }

    [Fact]
    public async Task A_mute_refuses_posting_until_its_end_and_then_ends_by_itself()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var browser = await app.SignedInAsync(teacher);
        Assert.Equal(HttpStatusCode.Redirect, (await ModerationForms.MuteAsync(browser, group.Id, member.Id, TypedIn(group, TimeSpan.FromDays(2)), "Cool down")).StatusCode);

        var whileMuted = await DecideAsync(group, member);
        Assert.True(whileMuted.IsRefused);
        Assert.Contains("You are muted in this group until", whileMuted.Refusal);
        Assert.Contains("Cool down", whileMuted.Refusal);

        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        Assert.Same(PostingDecision.Publish, await DecideAsync(group, member));
        Assert.DoesNotContain("Cool down", await browser.GetStringAsync(Page(group)));
    }

    Task<PostingDecision> DecideAsync(Group group, User member) =>
        app.WithDbAsync(async db =>
        {
            var loaded = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id);
            var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            return await PostingRules.DecideAsync(db, new GroupAccess(loaded, member.Id, MembershipRole.Member, isAdmin: false), null, "Hello", isEdit: false, app.Clock.GetUtcNow(), l);
        });

    [Fact]
    public async Task Ending_a_mute_early_is_logged()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var browser = await app.SignedInAsync(teacher);
        await ModerationForms.MuteAsync(browser, group.Id, member.Id, TypedIn(group, TimeSpan.FromDays(1)));

        var response = await Forms.PostAsync(browser, Page(group), new Dictionary<string, string>(), $"{Page(group)}?handler=Unmute&userId={member.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.DbAsync(db => db.GroupMutes.AnyAsync(m => m.GroupId == group.Id)));
        Assert.Equal([ModerationAction.Mute, ModerationAction.Unmute],
            await app.DbAsync(db => db.ModerationLog.Where(e => e.GroupId == group.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
        Assert.Same(PostingDecision.Publish, await DecideAsync(group, member));
    }

    [Fact]
    public async Task A_facilitator_cannot_be_muted()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var colleague = await app.UserAsync("colleague", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, colleague, MembershipRole.Facilitator);
        var browser = await app.SignedInAsync(teacher);

        var response = await ModerationForms.MuteAsync(browser, group.Id, colleague.Id, TypedIn(group, TimeSpan.FromDays(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Facilitators cannot be muted.", await response.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.GroupMutes.AnyAsync(m => m.GroupId == group.Id)));
        Assert.False(await app.DbAsync(db => db.ModerationLog.AnyAsync(e => e.GroupId == group.Id)));
    }

    [Theory]
    [InlineData(-60, "", "The end of the mute must be in the future.")]
    [InlineData(60, "", "Give a reason: the member sees it.")]
    public async Task A_mute_in_the_past_or_without_a_reason_is_refused_with_a_message(int minutesFromNow, string reason, string message)
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var browser = await app.SignedInAsync(teacher);

        var response = await ModerationForms.MuteAsync(browser, group.Id, member.Id, TypedIn(group, TimeSpan.FromMinutes(minutesFromNow)), reason == "" && minutesFromNow < 0 ? "Late" : reason);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.GroupMutes.AnyAsync(m => m.GroupId == group.Id)));
    }

    [Fact]
    public async Task Outsiders_get_404_and_members_are_refused()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var other = await app.UserAsync("other");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        await app.AddAsync(group, other);
        var outsider = await app.SignedInAsync(await app.UserAsync("outsider"));
        var memberBrowser = await app.SignedInAsync(member);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(Page(group))).StatusCode);
        ModerationForms.AssertForbidden(await memberBrowser.GetAsync(Page(group)));
        var token = await GroupWorld.TokenAsync(memberBrowser);
        ModerationForms.AssertForbidden(await GroupWorld.PostFormAsync(memberBrowser, Page(group) + "?handler=Mute", token, new Dictionary<string, string>
        {
            ["Input.UserId"] = other.Id,
            ["Input.Until"] = TypedIn(group, TimeSpan.FromDays(1)),
            ["Input.Reason"] = "Because",
        }));
        Assert.False(await app.DbAsync(db => db.GroupMutes.AnyAsync(m => m.GroupId == group.Id)));
    }
}
