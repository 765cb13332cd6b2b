using System.Net;
using StudyGuide.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Tests.Groups;

public class ProgressTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task The_progress_table_and_its_csv_show_each_member_and_assignment_with_status_and_time()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var ada = await app.UserAsync("ada", displayName: "Ada Lovelace");
        var formula = await app.UserAsync("formula", displayName: "=HYPERLINK(\"http://evil.example\",\"x\")");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, ada);
        await app.AddAsync(group, formula);
        var now = app.Clock.GetUtcNow(); // 2026-09-01 08:00 UTC = 10:00 in Paris
        var first = await app.AssignAsync(group, teacher, now.AddDays(-1), title: "First Module");
        await app.AssignAsync(group, teacher, now.AddDays(3), title: "Second Module");
        await app.ReflectAsync(first, ada, now.AddDays(-2));
        var browser = await app.SignedInAsync(teacher);

        var page = await browser.GetStringAsync($"/groups/{group.Id}/progress");
        Assert.Contains("Ada Lovelace", page);
        Assert.Contains("Done 2026-08-30 10:00", page);
        Assert.Contains("Late: not posted", page);
        Assert.Contains("To do", page);
        Assert.DoesNotContain(teacher.UserName!, page); // facilitators are not rows

        var response = await browser.GetAsync($"/groups/{group.Id}/progress?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("Name,Username,First Module (due 2026-08-31 10:00),Second Module (due 2026-09-04 10:00)", lines[0]);
        Assert.Contains($"Ada Lovelace,{ada.UserName},Done 2026-08-30 10:00,To do", lines);
        // The display name that looks like a formula is escaped with an apostrophe, so a spreadsheet shows it as text.
        var formulaRow = Assert.Single(lines, l => l.Contains(formula.UserName!, StringComparison.Ordinal));
        Assert.StartsWith("\"'=HYPERLINK(", formulaRow);
        Assert.EndsWith($",{formula.UserName},Late: not posted,To do", formulaRow);
    }

    [Fact]
    public async Task Every_display_name_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        string[] names = ["=1+1", "+SUM(A1)", "-2+3", "@cmd"];
        foreach (var name in names) await app.AddAsync(group, await app.UserAsync("formula", displayName: name));
        await app.AssignAsync(group, teacher, null, title: "Module");
        var browser = await app.SignedInAsync(teacher);

        var csv = await browser.GetStringAsync($"/groups/{group.Id}/progress?format=csv");

        foreach (var name in names) Assert.Contains($"\"'{name}\",", csv);
        Assert.DoesNotContain("\n=", csv);
    }

    [Fact]
    public async Task An_assignment_is_done_only_while_the_member_has_a_reflection_that_is_not_deleted()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var ada = await app.UserAsync("ada", displayName: "Ada Lovelace");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, ada);
        var now = app.Clock.GetUtcNow();
        var assignment = await app.AssignAsync(group, teacher, now.AddDays(3), title: "Only Module");
        var threadId = await app.DbAsync(db => db.Threads.Where(t => t.AssignmentId == assignment.Id).Select(t => t.Id).SingleAsync());
        var facilitator = await app.SignedInAsync(teacher);
        var student = await app.SignedInAsync(ada);

        async Task<(string Page, string Csv, string MyWork)> StatusAsync()
        {
            var page = await facilitator.GetStringAsync($"/groups/{group.Id}/progress");
            var csv = await facilitator.GetStringAsync($"/groups/{group.Id}/progress?format=csv");
            var myWork = await student.GetStringAsync("/me/work");
            return (page, csv.Split("\r\n").Single(l => l.Contains(ada.UserName!, StringComparison.Ordinal)), myWork);
        }

        Task<PostingResult> PostAsync(DateTimeOffset at) =>
            app.DbAsync(db => Posting.CreateAsync(db, threadId, ada.Id, "My reflection", Guid.NewGuid(), null, null, at));

        var first = await PostAsync(now.AddHours(-2));
        var (page, csv, myWork) = await StatusAsync();
        Assert.Contains("Done 2026-09-01 08:00", page);
        Assert.EndsWith(",Done 2026-09-01 08:00", csv);
        Assert.Contains("""<tr class="work-done">""", myWork);

        await app.DbAsync(async db =>
        {
            await Posting.DeleteAsync(db, await db.Posts.SingleAsync(p => p.Id == first.Post!.Id), now.AddHours(-1));
            return 0;
        });
        (page, csv, myWork) = await StatusAsync();
        Assert.DoesNotContain("Done 2026", page);
        Assert.EndsWith(",To do", csv);
        Assert.Contains("""<tr class="work-todo">""", myWork);
        Assert.DoesNotContain("work-done", myWork);

        await PostAsync(now);
        (page, csv, myWork) = await StatusAsync();
        // Done from the reflection that exists now, not from the deleted one.
        Assert.Contains("Done 2026-09-01 10:00", page);
        Assert.EndsWith(",Done 2026-09-01 10:00", csv);
        Assert.Contains("""<tr class="work-done">""", myWork);
    }
}
