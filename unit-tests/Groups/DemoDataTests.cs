using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Commands;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Groups;

public class DemoDataTests(TestDatabases databases)
{
    static async Task<(int ExitCode, string Output, string Error)> RunDemoAsync(StudyGuideFactory app)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CommandLine.Parse(["demo"])!.RunAsync(app.Services, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_demo_refuses_a_database_that_has_accounts_and_changes_nothing()
    {
        await using var app = new StudyGuideFactory(databases);
        await app.CreateUserAsync("real-person", GroupWorld.Password);

        var (exitCode, output, error) = await RunDemoAsync(app);

        Assert.Equal(1, exitCode);
        Assert.Contains("already has accounts", error);
        Assert.Equal("", output);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task The_demo_fills_an_empty_database_and_prints_sign_ins_that_work()
    {
        await using var app = new StudyGuideFactory(databases);

        var (exitCode, output, _) = await RunDemoAsync(app);

        Assert.Equal(0, exitCode);
        var teacherLine = Regex.Match(output, @"demo\.teacher\s+(\S+)");
        Assert.True(teacherLine.Success, output);
        var schoolClass = await app.WithDbAsync(db => db.Groups.Include(g => g.Memberships).AsNoTracking().SingleAsync(g => g.Kind == GroupKind.Class));
        Assert.Equal(5, schoolClass.Memberships.Count(m => m.Role == MembershipRole.Member));
        Assert.Equal(1, await app.WithDbAsync(db => db.Groups.CountAsync(g => g.Kind == GroupKind.Club)));
        Assert.Equal(2, await app.WithDbAsync(db => db.Assignments.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.Posts.CountAsync()) >= 3);
        // The thread list's keys, as posting keeps them: members' key stays at the start of the post-first reflections.
        var threads = await app.WithDbAsync(db => db.Threads.AsNoTracking()
            .Select(t => new { t.CreatedAt, t.LastPostAt, t.ActivityAt, t.MemberActivityAt, Mode = db.Assignments.Where(a => a.Id == t.AssignmentId).Select(a => (ReflectionMode?)a.ReflectionMode).FirstOrDefault() ?? ReflectionMode.Open })
            .ToListAsync());
        Assert.All(threads, t =>
        {
            Assert.Equal(t.LastPostAt ?? t.CreatedAt, t.ActivityAt);
            Assert.Equal(t.Mode == ReflectionMode.Open ? t.ActivityAt : t.CreatedAt, t.MemberActivityAt);
        });
        Assert.Contains(threads, t => t.Mode == ReflectionMode.PostFirst && t.ActivityAt > t.MemberActivityAt);

        var teacher = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(teacher, "demo.teacher", teacherLine.Groups[1].Value)).StatusCode);
        Assert.Contains("Ada Lovelace", await teacher.GetStringAsync($"/groups/{schoolClass.Id}/progress"));

        var student = Regex.Match(output, @"Ada Lovelace\s+(\S+)\s+(\S+)");
        var studentBrowser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(studentBrowser, student.Groups[1].Value, student.Groups[2].Value)).StatusCode);
        Assert.Contains("status-done", await studentBrowser.GetStringAsync("/me/work"));

        var again = await RunDemoAsync(app);
        Assert.Equal(1, again.ExitCode);
    }
}
