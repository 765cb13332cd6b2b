using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Groups;

public class GroupModerationSettingsTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static Dictionary<string, string> Settings(string name, string? preModeration, string threshold) => new()
    {
        ["Input.Name"] = name,
        ["Input.Kind"] = "Class",
        ["Input.TimeZone"] = "Europe/Paris",
        ["Input.MemberListVisibility"] = "DisplayNames",
        ["Input.PreModeration"] = preModeration ?? "false",
        ["Input.ReportThreshold"] = threshold,
    };

    static bool IsChecked(string html, string id) =>
        Regex.IsMatch(html, $"<input[^>]*\\bid=\"{id}\"[^>]*\\bchecked=\"checked\"") || Regex.IsMatch(html, $"<input[^>]*\\bchecked=\"checked\"[^>]*\\bid=\"{id}\"");

    [Fact]
    public async Task Pre_moderation_is_suggested_for_a_new_class_and_not_for_a_club()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var browser = await app.SignedInAsync(teacher);

        var forClass = await browser.GetStringAsync("/groups/new?kind=Class");
        var forClub = await browser.GetStringAsync("/groups/new?kind=Club");

        Assert.True(IsChecked(forClass, "Input_PreModeration"), forClass);
        Assert.Contains("Suggested for classes.", forClass);
        Assert.Contains("value=\"3\"", forClass);
        Assert.False(IsChecked(forClub, "Input_PreModeration"));
    }

    [Fact]
    public async Task A_new_group_keeps_the_moderation_settings_chosen()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var browser = await app.SignedInAsync(teacher);
        var name = GroupWorld.Unique("Premoderated");

        var response = await Forms.PostAsync(browser, "/groups/new", Settings(name, "true", "5"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var group = await app.DbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Name == name));
        Assert.Equal((true, 5), (group.PreModeration, group.ReportThreshold));
    }

    [Fact]
    public async Task Changing_the_moderation_settings_writes_one_log_entry()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        var response = await Forms.PostAsync(browser, $"/groups/{group.Id}/settings", Settings(group.Name, "true", "5"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.DbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id));
        Assert.Equal((true, 5), (saved.PreModeration, saved.ReportThreshold));
        var entry = await app.DbAsync(db => db.ModerationLog.AsNoTracking().SingleAsync(e => e.GroupId == group.Id));
        Assert.Equal((ModerationAction.ChangeGroupSettings, "pre-moderation on; report threshold 5", teacher.Id), (entry.Action, entry.Detail, entry.ActorId));
        var html = await browser.GetStringAsync($"/groups/{group.Id}/settings");
        Assert.True(IsChecked(html, "Input_PreModeration"));
        Assert.Contains("value=\"5\"", html);
    }

    [Fact]
    public async Task Saving_other_settings_alone_writes_no_log_entry()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(browser, $"/groups/{group.Id}/settings", Settings("Renamed", null, "3"))).StatusCode);

        Assert.False(await app.DbAsync(db => db.ModerationLog.AnyAsync(e => e.GroupId == group.Id)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task A_threshold_outside_1_to_100_is_refused_and_nothing_changes(string threshold)
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        var response = await Forms.PostAsync(browser, $"/groups/{group.Id}/settings", Settings("Renamed", "true", threshold));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a number from 1 to 100.", await response.Content.ReadAsStringAsync());
        var saved = await app.DbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id));
        Assert.Equal((group.Name, false, 3), (saved.Name, saved.PreModeration, saved.ReportThreshold));
        Assert.False(await app.DbAsync(db => db.ModerationLog.AnyAsync(e => e.GroupId == group.Id)));
    }
}
