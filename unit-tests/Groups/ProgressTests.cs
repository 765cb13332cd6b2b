using System.Net;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

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
}
