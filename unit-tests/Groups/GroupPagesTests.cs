using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Groups;

public class GroupPagesTests(StudyGuideFactory app, TestDatabases databases) : IClassFixture<StudyGuideFactory>
{
    static Dictionary<string, string> GroupForm(string name, string kind = "Class", string timeZone = "Europe/Paris", string visibility = "DisplayNames") => new()
    {
        ["Input.Name"] = name,
        ["Input.Description"] = "Autumn term",
        ["Input.Kind"] = kind,
        ["Input.TimeZone"] = timeZone,
        ["Input.MemberListVisibility"] = visibility,
    };

    [Fact]
    public async Task A_teacher_creates_a_class_and_leads_it_with_a_join_code()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var browser = await app.SignedInAsync(teacher);
        var name = GroupWorld.Unique("Class 9B");

        var groups = await browser.GetStringAsync("/groups");
        Assert.Contains("Create a class", groups);
        var response = await Forms.PostAsync(browser, "/groups/new", GroupForm(name, timeZone: "America/Montreal"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var group = await app.DbAsync(db => db.Groups.Include(g => g.Memberships).AsNoTracking().SingleAsync(g => g.Name == name));
        Assert.Equal(GroupKind.Class, group.Kind);
        Assert.Equal("America/Montreal", group.TimeZone);
        Assert.Equal(8, group.JoinCode!.Length);
        var membership = Assert.Single(group.Memberships);
        Assert.Equal((teacher.Id, MembershipRole.Facilitator), (membership.UserId, membership.Role));
        Assert.Equal($"/groups/{group.Id}", response.Headers.Location?.OriginalString);
        Assert.Contains(name, await browser.GetStringAsync("/groups"));
    }

    [Fact]
    public async Task The_group_menu_links_every_page_of_the_group_and_marks_only_the_one_being_read()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        foreach (var (path, label) in new[] { ($"/groups/{group.Id}", "Group home"), ($"/groups/{group.Id}/threads", "Discussions"), ($"/groups/{group.Id}/members", "Members"), ($"/groups/{group.Id}/settings", "Settings"), ($"/groups/{group.Id}/moderation", "Moderation") })
        {
            var page = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(path));
            var links = page.QuerySelectorAll(".group-nav a").ToList();
            Assert.Equal(
                [$"/groups/{group.Id}", $"/groups/{group.Id}/threads", $"/groups/{group.Id}/members", $"/groups/{group.Id}/assignments/new", $"/groups/{group.Id}/progress",
                 $"/groups/{group.Id}/join-code", $"/groups/{group.Id}/students/new", $"/groups/{group.Id}/settings",
                 $"/groups/{group.Id}/moderation"],
                links.Select(a => a.GetAttribute("href")));
            var current = Assert.Single(links, a => a.HasAttribute("aria-current"));
            Assert.Equal((label, "page"), (current.TextContent, current.GetAttribute("aria-current")));
        }
    }

    [Fact]
    public async Task An_ordinary_user_cannot_create_groups_while_the_club_setting_is_off()
    {
        var user = await app.UserAsync("user");
        var browser = await app.SignedInAsync(user);

        Assert.DoesNotContain("/groups/new", await browser.GetStringAsync("/groups"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/groups/new")).StatusCode);
        var post = await GroupWorld.PostFormAsync(browser, "/groups/new", await GroupWorld.TokenAsync(browser), GroupForm("Sneaky club", "Club"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(await app.DbAsync(db => db.Groups.AnyAsync(g => g.Name == "Sneaky club")));
    }

    [Fact]
    public async Task With_the_admin_setting_on_anyone_signed_in_creates_a_club_but_not_a_class()
    {
        await using var open = new StudyGuideFactory(databases);
        await open.WithDbAsync(db => db.SiteSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.AllowAnyoneToCreateClubs, true)));
        var user = await open.UserAsync("organiser");
        var browser = await open.SignedInAsync(user);

        var groups = await browser.GetStringAsync("/groups");
        Assert.Contains("Create a club", groups);
        Assert.DoesNotContain("Create a class", groups);
        var asClass = await Forms.PostAsync(browser, "/groups/new", GroupForm("Film society", "Class"));
        Assert.Equal(HttpStatusCode.OK, asClass.StatusCode);
        Assert.Contains("Only teachers can create classes.", await asClass.Content.ReadAsStringAsync());
        var asClub = await Forms.PostAsync(browser, "/groups/new", GroupForm("Film society", "Club"));
        Assert.Equal(HttpStatusCode.Redirect, asClub.StatusCode);
        Assert.Equal(GroupKind.Club, await open.DbAsync(db => db.Groups.Where(g => g.Name == "Film society").Select(g => g.Kind).SingleAsync()));
    }

    [Fact]
    public async Task An_admin_turns_on_club_creation_for_everyone_on_the_admin_page()
    {
        await using var site = new StudyGuideFactory(databases);
        var admin = await site.UserAsync("admin", Roles.Admin);
        var browser = await site.SignedInAsync(admin);
        Assert.Contains("Input.AllowAnyoneToCreateClubs", await browser.GetStringAsync("/admin"));

        var response = await Forms.PostAsync(browser, "/admin", new Dictionary<string, string> { ["Input.AllowAnyoneToCreateClubs"] = "true" }, "/admin?handler=Clubs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await site.DbAsync(db => db.SiteSettings.Select(s => s.AllowAnyoneToCreateClubs).SingleAsync()));
        var user = await site.UserAsync("organiser");
        Assert.Equal(HttpStatusCode.OK, (await (await site.SignedInAsync(user)).GetAsync("/groups/new?kind=Club")).StatusCode);
    }

    [Fact]
    public async Task A_bad_time_zone_or_empty_name_is_refused_and_the_form_keeps_what_was_typed()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var browser = await app.SignedInAsync(teacher);

        var response = await Forms.PostAsync(browser, "/groups/new", GroupForm("Kept Name", timeZone: "Mars/Olympus_Mons"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Choose a time zone from the list.", html);
        Assert.Contains("value=\"Kept Name\"", html);
        Assert.False(await app.DbAsync(db => db.Groups.AnyAsync(g => g.Name == "Kept Name")));
    }

    [Fact]
    public async Task Facilitators_change_the_settings()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        var response = await Forms.PostAsync(browser, $"/groups/{group.Id}/settings", GroupForm("Renamed", "Club", "Asia/Tokyo", "Hidden"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.DbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id));
        Assert.Equal(("Renamed", GroupKind.Club, "Asia/Tokyo", MemberListVisibility.Hidden), (saved.Name, saved.Kind, saved.TimeZone, saved.MemberListVisibility));
        Assert.Contains("Settings saved.", await browser.GetStringAsync($"/groups/{group.Id}/settings"));
    }

    [Fact]
    public async Task A_facilitator_makes_a_member_co_facilitator_who_then_has_the_tools()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var colleague = await app.UserAsync("colleague");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, colleague);
        var browser = await app.SignedInAsync(teacher);
        var colleagueBrowser = await app.SignedInAsync(colleague);
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueBrowser.GetAsync($"/groups/{group.Id}/progress")).StatusCode);

        var response = await Forms.PostAsync(browser, $"/groups/{group.Id}/members", new Dictionary<string, string> { ["userId"] = colleague.Id },
            postUrl: $"/groups/{group.Id}/members?handler=MakeFacilitator");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleagueBrowser.GetAsync($"/groups/{group.Id}/progress")).StatusCode);
    }

    [Fact]
    public async Task A_member_leaves_a_group_and_loses_access()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var browser = await app.SignedInAsync(member);

        var response = await Forms.PostAsync(browser, $"/groups/{group.Id}/members", new Dictionary<string, string>(), postUrl: $"/groups/{group.Id}/members?handler=Leave");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/groups/{group.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_only_facilitator_cannot_leave()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        var response = await Forms.PostAsync(browser, $"/groups/{group.Id}/members", new Dictionary<string, string>(), postUrl: $"/groups/{group.Id}/members?handler=Leave");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are the only facilitator.", await response.Content.ReadAsStringAsync());
        Assert.True(await app.DbAsync(db => db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.UserId == teacher.Id)));
    }

    [Fact]
    public async Task The_group_home_shows_upcoming_assignments_soonest_first_and_recent_threads()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var now = app.Clock.GetUtcNow();
        await app.AssignAsync(group, teacher, now.AddDays(9), title: "Later Module");
        await app.AssignAsync(group, teacher, now.AddDays(2), title: "Sooner Module");
        var browser = await app.SignedInAsync(member);

        var html = await browser.GetStringAsync($"/groups/{group.Id}");

        TextOrder.AssertInOrder(html, "Sooner Module", "Later Module");
        Assert.Contains("Reflections: Later Module", html);
        Assert.DoesNotContain($"/groups/{group.Id}/progress", html);
    }

    [Fact]
    public async Task The_navigation_links_to_my_groups_and_my_work()
    {
        var user = await app.UserAsync("user");
        var html = await (await app.SignedInAsync(user)).GetStringAsync("/groups");
        Assert.Contains("href=\"/groups\"", html);
        Assert.Contains("href=\"/me/work\"", html);
    }
}
