using System.Net;
using System.Text.RegularExpressions;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Groups;

public class WorkTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task My_work_lists_every_assignment_of_my_groups_by_due_date_with_its_status()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var organiser = await app.UserAsync("organiser");
        var student = await app.UserAsync("student");
        var schoolClass = await app.GroupAsync(teacher);
        var club = await app.GroupAsync(organiser, StudyGuide.Web.Groups.GroupKind.Club);
        await app.AddAsync(schoolClass, student);
        await app.AddAsync(club, student);
        var now = app.Clock.GetUtcNow();
        var late = await app.AssignAsync(schoolClass, teacher, now.AddDays(-2), title: "Module Late");
        var doneAfterDue = await app.AssignAsync(schoolClass, teacher, now.AddDays(-1), title: "Module Done Late");
        var done = await app.AssignAsync(club, organiser, now.AddDays(2), title: "Module Done");
        await app.AssignAsync(schoolClass, teacher, now.AddDays(5), title: "Module To Do");
        await app.AssignAsync(club, organiser, null, title: "Module Undated");
        await app.ReflectAsync(done, student, now.AddHours(-3));
        await app.ReflectAsync(doneAfterDue, student, now.AddHours(-1));
        // Someone else's reflection does not count for this student.
        var classmate = await app.UserAsync("classmate");
        await app.AddAsync(schoolClass, classmate);
        await app.ReflectAsync(late, classmate, now.AddDays(-3));
        var browser = await app.SignedInAsync(student);

        var html = await browser.GetStringAsync("/me/work");

        var rows = Regex.Matches(html, """<tr class="work-(\w+)">\s*<td><a[^>]*>([^<]+)</a>""").Select(m => (Status: m.Groups[1].Value, Title: m.Groups[2].Value)).ToList();
        Assert.Equal(
            [("late", "Module Late"), ("done", "Module Done Late"), ("done", "Module Done"), ("todo", "Module To Do"), ("todo", "Module Undated")],
            rows);
        Assert.Contains("Overdue", html);
        Assert.Contains("after the due date", html);
        Assert.Contains(schoolClass.Name, html);
        Assert.Contains(club.Name, html);
    }

    [Fact]
    public async Task Assignments_of_groups_I_left_or_was_never_in_are_not_in_my_work()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var student = await app.UserAsync("student");
        var group = await app.GroupAsync(teacher);
        await app.AssignAsync(group, teacher, app.Clock.GetUtcNow().AddDays(1), title: "Not Mine");
        var browser = await app.SignedInAsync(student);

        var response = await browser.GetAsync("/me/work");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Not Mine", html);
        Assert.Contains("Nothing assigned to you yet.", html);
    }
}
