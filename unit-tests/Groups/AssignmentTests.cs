using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Groups;

public class AssignmentTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    async Task<(Group Group, HttpClient Browser)> ClassAsync(string timeZone = "Europe/Paris")
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher, timeZone: timeZone);
        return (group, await app.SignedInAsync(teacher));
    }

    static Task<HttpResponseMessage> AssignAsync(HttpClient browser, Group group, string? due, string slug = GroupWorld.ModuleSlug, string instructions = "", string mode = "Open") =>
        Forms.PostAsync(browser, $"/groups/{group.Id}/assignments/new", new Dictionary<string, string>
        {
            ["Input.ModuleSlug"] = slug,
            ["Input.DueAt"] = due ?? "",
            ["Input.Instructions"] = instructions,
            ["Input.ReflectionMode"] = mode,
        });

    Task<List<Assignment>> AssignmentsOfAsync(Group group) =>
        app.DbAsync(db => db.Assignments.AsNoTracking().Where(a => a.GroupId == group.Id).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Due_dates_are_typed_in_the_groups_time_zone_and_stored_in_utc_on_both_sides_of_a_clock_change()
    {
        var (group, browser) = await ClassAsync("Europe/Paris");

        // Paris leaves summer time (UTC+2) for winter time (UTC+1) on 25 October 2026.
        Assert.Equal(HttpStatusCode.Redirect, (await AssignAsync(browser, group, "2026-10-20T18:00")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AssignAsync(browser, group, "2026-10-30T18:00")).StatusCode);

        var stored = await AssignmentsOfAsync(group);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 16, 0, 0, TimeSpan.Zero), stored[0].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 30, 17, 0, 0, TimeSpan.Zero), stored[1].DueAt);
        Assert.Equal(TimeSpan.Zero, stored[0].DueAt!.Value.Offset);

        // Both read 18:00 again on the group's pages.
        var details = WebUtility.HtmlDecode(await browser.GetStringAsync($"/groups/{group.Id}/assignments/{stored[1].Id}"));
        Assert.Contains("datetime=\"2026-10-30T18:00+01:00\"", details);
        var home = WebUtility.HtmlDecode(await browser.GetStringAsync($"/groups/{group.Id}"));
        Assert.Contains("datetime=\"2026-10-20T18:00+02:00\"", home);
    }

    [Fact]
    public async Task The_same_wall_clock_time_in_another_zone_is_another_instant()
    {
        var (group, browser) = await ClassAsync("America/New_York");
        await AssignAsync(browser, group, "2026-10-20T18:00");
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 22, 0, 0, TimeSpan.Zero), (await AssignmentsOfAsync(group)).Single().DueAt);
    }

    [Fact]
    public async Task A_time_the_clocks_skip_is_refused_with_a_clear_message()
    {
        var (group, browser) = await ClassAsync("Europe/Paris");

        // 28 March 2027: Paris jumps from 02:00 to 03:00.
        var response = await AssignAsync(browser, group, "2027-03-28T02:30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This time does not exist in Europe/Paris", await response.Content.ReadAsStringAsync());
        Assert.Empty(await AssignmentsOfAsync(group));
    }

    [Fact]
    public async Task A_due_date_in_the_past_is_refused()
    {
        var (group, browser) = await ClassAsync();
        var response = await AssignAsync(browser, group, "2026-08-01T12:00");
        Assert.Contains("This due date has already passed.", await response.Content.ReadAsStringAsync());
        Assert.Empty(await AssignmentsOfAsync(group));
    }

    [Fact]
    public async Task An_unknown_module_is_refused_and_the_instructions_are_kept()
    {
        var (group, browser) = await ClassAsync();
        var response = await AssignAsync(browser, group, null, slug: "no-such-module", instructions: "Read it twice");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Choose a module from the list.", html);
        Assert.Contains("Read it twice", html);
        Assert.Empty(await AssignmentsOfAsync(group));
    }

    [Fact]
    public async Task Assigning_a_module_creates_its_reflection_thread()
    {
        var (group, browser) = await ClassAsync();

        var response = await AssignAsync(browser, group, "2026-09-15T08:30", slug: GroupWorld.OtherModuleSlug, mode: "PostFirst");

        var assignment = (await AssignmentsOfAsync(group)).Single();
        Assert.Equal($"/groups/{group.Id}/assignments/{assignment.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(GroupWorld.OtherModuleSlug, assignment.ModuleSlug);
        Assert.False(string.IsNullOrEmpty(assignment.ModuleTitle));
        Assert.Equal(ReflectionMode.PostFirst, assignment.ReflectionMode);
        var thread = await app.DbAsync(db => db.Threads.AsNoTracking().SingleAsync(t => t.AssignmentId == assignment.Id));
        Assert.Equal(ThreadKind.Assignment, thread.Kind);
        Assert.Equal(group.Id, thread.GroupId);
        Assert.Contains(assignment.ModuleTitle, thread.Title);
    }

    [Fact]
    public async Task Instructions_are_rendered_from_markdown_once_and_sanitised()
    {
        var (group, browser) = await ClassAsync();
        await AssignAsync(browser, group, null, instructions:
            "Read *carefully* <script>alert(1)</script>\n\n[click](javascript:alert(1)) ![tracker](https://tracker.example/pixel.png)");
        var assignment = (await AssignmentsOfAsync(group)).Single();

        Assert.Contains("<em>carefully</em>", assignment.InstructionsHtml);
        var html = await browser.GetStringAsync($"/groups/{group.Id}/assignments/{assignment.Id}");

        Assert.Contains("<em>carefully</em>", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("href=\"https://tracker.example/pixel.png\"", html);
    }

    [Fact]
    public async Task Instructions_nested_too_deeply_get_a_clear_message_and_nothing_is_saved()
    {
        var (group, browser) = await ClassAsync();
        var response = await AssignAsync(browser, group, null, instructions: new string('>', 9000) + " deep");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nested too deeply", await response.Content.ReadAsStringAsync());
        Assert.Empty(await AssignmentsOfAsync(group));
    }

    [Fact]
    public async Task The_module_page_tells_members_which_of_their_groups_it_is_assigned_to()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var outsider = await app.UserAsync("outsider");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var assignment = await app.AssignAsync(group, teacher, new DateTimeOffset(2026, 10, 20, 16, 0, 0, TimeSpan.Zero));

        var memberView = await (await app.SignedInAsync(member)).GetStringAsync($"/modules/{GroupWorld.ModuleSlug}");
        var outsiderView = await (await app.SignedInAsync(outsider)).GetStringAsync($"/modules/{GroupWorld.ModuleSlug}");
        var visitorView = await app.CreateBrowser().GetStringAsync($"/modules/{GroupWorld.ModuleSlug}");

        Assert.Contains($"Assigned to {group.Name}, due", memberView);
        Assert.Contains($"/groups/{group.Id}/assignments/{assignment.Id}", memberView);
        Assert.DoesNotContain(group.Name, outsiderView);
        Assert.DoesNotContain(group.Name, visitorView);
    }

    [Fact]
    public async Task Members_download_an_ics_file_for_an_assignment_with_a_due_date()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var assignment = await app.AssignAsync(group, teacher, new DateTimeOffset(2026, 10, 1, 15, 0, 0, TimeSpan.Zero));
        var browser = await app.SignedInAsync(member);

        var response = await browser.GetAsync($"/groups/{group.Id}/assignments/{assignment.Id}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var dueEvent = Assert.Single(calendar.Events);
        Assert.Equal(new DateTime(2026, 10, 1, 15, 0, 0, DateTimeKind.Utc), dueEvent.DtStart!.AsUtc);
    }
}
