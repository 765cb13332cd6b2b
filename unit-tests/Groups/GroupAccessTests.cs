using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Groups;

/// <summary>Who may see and do what in a group (docs/PRODUCT.md, Roles), one rule per test.</summary>
public class GroupAccessTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    sealed record TwoGroups(Group A, Group B, User TeacherA, User TeacherB, User MemberA, User StudentB, Assignment AssignmentB);

    async Task<TwoGroups> TwoGroupsAsync()
    {
        var teacherA = await app.UserAsync("teacher-a", Roles.Teacher);
        var teacherB = await app.UserAsync("teacher-b", Roles.Teacher);
        var memberA = await app.UserAsync("member-a");
        var studentB = await app.UserAsync("student-b");
        await app.DbAsync(db => db.Users.Where(u => u.Id == studentB.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedByUserId, teacherB.Id)));
        var a = await app.GroupAsync(teacherA);
        var b = await app.GroupAsync(teacherB);
        await app.AddAsync(a, memberA);
        await app.AddAsync(b, studentB);
        await app.AssignAsync(a, teacherA, app.Clock.GetUtcNow().AddDays(3));
        var assignmentB = await app.AssignAsync(b, teacherB, app.Clock.GetUtcNow().AddDays(5), title: "Group B's secret module title");
        return new TwoGroups(a, b, teacherA, teacherB, memberA, studentB, assignmentB);
    }

    static string[] PagesOf(TwoGroups w) =>
    [
        $"/groups/{w.B.Id}",
        $"/groups/{w.B.Id}/settings",
        $"/groups/{w.B.Id}/members",
        $"/groups/{w.B.Id}/join-code",
        $"/groups/{w.B.Id}/students/new",
        $"/groups/{w.B.Id}/students/{w.StudentB.Id}/reset-password",
        $"/groups/{w.B.Id}/assignments/new",
        $"/groups/{w.B.Id}/assignments/{w.AssignmentB.Id}",
        $"/groups/{w.B.Id}/assignments/{w.AssignmentB.Id}.ics",
        $"/groups/{w.B.Id}/progress",
        $"/groups/{w.B.Id}/progress?format=csv",
    ];

    static string[] FormPostsOf(TwoGroups w) =>
    [
        $"/groups/{w.B.Id}/settings",
        $"/groups/{w.B.Id}/members?handler=Remove&userId={w.StudentB.Id}",
        $"/groups/{w.B.Id}/members?handler=MakeFacilitator&userId={w.StudentB.Id}",
        $"/groups/{w.B.Id}/members?handler=Leave",
        $"/groups/{w.B.Id}/join-code?handler=Rotate",
        $"/groups/{w.B.Id}/join-code?handler=Disable",
        $"/groups/{w.B.Id}/students/new",
        $"/groups/{w.B.Id}/students/{w.StudentB.Id}/reset-password",
        $"/groups/{w.B.Id}/assignments/new",
    ];

    static Dictionary<string, string> Fields(TwoGroups w) => new()
    {
        ["Input.Name"] = "Taken over",
        ["Input.Kind"] = "Class",
        ["Input.TimeZone"] = "Europe/Paris",
        ["Input.MemberListVisibility"] = "DisplayNames",
        ["Input.Names"] = "Intruder Student",
        ["Input.ModuleSlug"] = GroupWorld.ModuleSlug,
        ["Input.ReflectionMode"] = "Open",
    };

    async Task<HttpClient> ViewerAsync(TwoGroups w, string viewer) =>
        await app.SignedInAsync(viewer == "facilitator" ? w.TeacherA : w.MemberA);

    [Theory]
    [InlineData("member")]
    [InlineData("facilitator")]
    public async Task Someone_from_group_A_gets_404_for_every_page_and_export_of_group_B(string viewer)
    {
        var w = await TwoGroupsAsync();
        var browser = await ViewerAsync(w, viewer);

        foreach (var url in PagesOf(w))
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(w.B.Name, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("member")]
    [InlineData("facilitator")]
    public async Task Someone_from_group_A_gets_404_for_every_form_post_of_group_B_and_nothing_changes(string viewer)
    {
        var w = await TwoGroupsAsync();
        var browser = await ViewerAsync(w, viewer);
        var token = await GroupWorld.TokenAsync(browser);

        foreach (var url in FormPostsOf(w))
        {
            var response = await GroupWorld.PostFormAsync(browser, url, token, Fields(w));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }

        var b = await app.DbAsync(db => db.Groups.Include(g => g.Memberships).AsNoTracking().SingleAsync(g => g.Id == w.B.Id));
        Assert.Equal(w.B.Name, b.Name);
        Assert.Equal(w.B.JoinCode, b.JoinCode);
        Assert.Equal(2, b.Memberships.Count);
        Assert.Contains(b.Memberships, m => m.UserId == w.StudentB.Id && m.Role == MembershipRole.Member);
        Assert.Equal(1, await app.DbAsync(db => db.Assignments.CountAsync(a => a.GroupId == w.B.Id)));
        Assert.False(await app.DbAsync(db => db.Users.AnyAsync(u => u.DisplayName == "Intruder Student")));
    }

    [Fact]
    public async Task A_calendar_feed_has_no_entry_from_another_group()
    {
        var w = await TwoGroupsAsync();
        var token = await app.DbAsync(db => Calendars.RegenerateAsync(db, w.MemberA.Id, app.Clock.GetUtcNow()));

        var feed = await app.CreateBrowser().GetStringAsync($"/calendar/{token}.ics");

        Assert.Contains("If you are not paying for the product", feed);
        Assert.DoesNotContain("Group B's secret module title", feed);
        Assert.DoesNotContain($"assignment-{w.AssignmentB.Id}@", feed);
    }

    [Fact]
    public async Task Members_cannot_see_the_progress_table_or_its_export()
    {
        var w = await TwoGroupsAsync();
        var browser = await app.SignedInAsync(w.MemberA);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/groups/{w.A.Id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/groups/{w.A.Id}/progress?format=csv")).StatusCode);
    }

    [Fact]
    public async Task Members_cannot_create_assignments()
    {
        var w = await TwoGroupsAsync();
        var browser = await app.SignedInAsync(w.MemberA);
        var token = await GroupWorld.TokenAsync(browser);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/groups/{w.A.Id}/assignments/new")).StatusCode);
        var post = await GroupWorld.PostFormAsync(browser, $"/groups/{w.A.Id}/assignments/new", token, Fields(w));

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(1, await app.DbAsync(db => db.Assignments.CountAsync(a => a.GroupId == w.A.Id)));
    }

    [Fact]
    public async Task Members_cannot_see_or_rotate_the_join_code()
    {
        var w = await TwoGroupsAsync();
        var browser = await app.SignedInAsync(w.MemberA);
        var token = await GroupWorld.TokenAsync(browser);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/groups/{w.A.Id}/join-code")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GroupWorld.PostFormAsync(browser, $"/groups/{w.A.Id}/join-code?handler=Rotate", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GroupWorld.PostFormAsync(browser, $"/groups/{w.A.Id}/join-code?handler=Disable", token)).StatusCode);
        Assert.Equal(w.A.JoinCode, await app.DbAsync(db => db.Groups.Where(g => g.Id == w.A.Id).Select(g => g.JoinCode).SingleAsync()));
    }

    [Fact]
    public async Task Members_do_not_see_the_member_list_when_the_group_hides_it()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var classmate = await app.UserAsync("classmate", displayName: "Classmate Whose Name Is Private");
        var group = await app.GroupAsync(teacher, visibility: MemberListVisibility.Hidden);
        await app.AddAsync(group, member);
        await app.AddAsync(group, classmate);
        var browser = await app.SignedInAsync(member);

        var home = await browser.GetStringAsync($"/groups/{group.Id}");
        var members = await browser.GetStringAsync($"/groups/{group.Id}/members");

        Assert.DoesNotContain("Classmate Whose Name Is Private", home);
        Assert.DoesNotContain("Classmate Whose Name Is Private", members);
        Assert.DoesNotContain(classmate.UserName!, members);
        Assert.Contains("keep the member list private", members);
        // The facilitators still see everyone.
        var facilitator = await app.SignedInAsync(teacher);
        Assert.Contains("Classmate Whose Name Is Private", await facilitator.GetStringAsync($"/groups/{group.Id}/members"));
    }

    [Fact]
    public async Task Members_see_display_names_but_not_usernames_when_the_group_shows_the_list()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var classmate = await app.UserAsync("classmate", displayName: "Visible Classmate");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        await app.AddAsync(group, classmate);
        var browser = await app.SignedInAsync(member);

        var members = await browser.GetStringAsync($"/groups/{group.Id}/members");

        Assert.Contains("Visible Classmate", members);
        Assert.DoesNotContain(classmate.UserName!, members);
        Assert.DoesNotContain("handler=Remove", members);
    }

    [Fact]
    public async Task Student_accounts_made_by_a_teacher_cannot_join_another_teachers_group()
    {
        var w = await TwoGroupsAsync();
        var browser = await app.SignedInAsync(w.StudentB);

        var response = await Forms.PostAsync(browser, $"/join/{w.A.JoinCode}", new Dictionary<string, string>(), postUrl: $"/join/{w.A.JoinCode}?handler=Join");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("can only join that teacher&#x27;s groups", await response.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.Memberships.AnyAsync(m => m.GroupId == w.A.Id && m.UserId == w.StudentB.Id)));
    }

    [Fact]
    public async Task Student_accounts_can_join_another_group_of_the_teacher_who_made_them()
    {
        var w = await TwoGroupsAsync();
        var secondGroupOfB = await app.GroupAsync(w.TeacherB, GroupKind.Club);
        var browser = await app.SignedInAsync(w.StudentB);

        var response = await Forms.PostAsync(browser, $"/join/{secondGroupOfB.JoinCode}", new Dictionary<string, string>(), postUrl: $"/join/{secondGroupOfB.JoinCode}?handler=Join");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.DbAsync(db => db.Memberships.AnyAsync(m => m.GroupId == secondGroupOfB.Id && m.UserId == w.StudentB.Id)));
    }

    [Fact]
    public async Task A_removed_member_loses_access_on_the_next_request()
    {
        var w = await TwoGroupsAsync();
        var member = await app.SignedInAsync(w.MemberA);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/groups/{w.A.Id}")).StatusCode);
        var teacher = await app.SignedInAsync(w.TeacherA);

        var removed = await Forms.PostAsync(teacher, $"/groups/{w.A.Id}/members", new Dictionary<string, string> { ["userId"] = w.MemberA.Id },
            postUrl: $"/groups/{w.A.Id}/members?handler=Remove");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/groups/{w.A.Id}")).StatusCode);
        Assert.DoesNotContain(w.A.Name, await member.GetStringAsync("/groups"));
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_from_group_pages()
    {
        var w = await TwoGroupsAsync();
        var response = await app.CreateBrowser().GetAsync($"/groups/{w.A.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_admin_acts_as_a_facilitator_of_every_group()
    {
        var w = await TwoGroupsAsync();
        var admin = await app.UserAsync("admin", Roles.Admin);
        var browser = await app.SignedInAsync(admin);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/groups/{w.B.Id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/groups/{w.B.Id}/settings")).StatusCode);
    }
}
