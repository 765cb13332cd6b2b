using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Tests.Groups;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Security;

namespace StudyGuide.Tests.Security;

/// <summary>Every name or title that others see refuses control characters with the same message, and nothing is stored.</summary>
public class TextRulesTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    const string Refused = "Remove the invisible control characters from this field.";

    [Theory]
    [InlineData("Plain name", false, false)]
    [InlineData("Bell\u0007name", false, true)]
    [InlineData("Two\nlines", false, true)]
    [InlineData("Two\r\nlines\tand a tab", true, false)]
    [InlineData("Escape\u001B[31m", true, true)]
    [InlineData("Zero\u200Bwidth space is a format character, not a control", false, false)]
    public void Control_characters_are_found_and_line_breaks_only_pass_where_allowed(string text, bool allowLineBreaks, bool refused) =>
        Assert.Equal(refused, TextRules.HasControlCharacters(text, allowLineBreaks));

    [Fact]
    public async Task A_group_name_with_a_control_character_is_refused_and_no_group_is_made()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var browser = await app.SignedInAsync(teacher);
        var name = GroupWorld.Unique("Class") + "\u0007";

        var response = await Forms.PostAsync(browser, "/groups/new", GroupForm(name, "Autumn term"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refused, await response.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.Groups.AnyAsync(g => g.CreatedByUserId == teacher.Id)));
    }

    [Fact]
    public async Task A_group_description_keeps_its_line_breaks_but_not_other_control_characters()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var browser = await app.SignedInAsync(teacher);

        var refused = await Forms.PostAsync(browser, "/groups/new", GroupForm(GroupWorld.Unique("Class"), "Autumn\u001Bterm"));
        Assert.Contains(Refused, await refused.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.Groups.AnyAsync(g => g.CreatedByUserId == teacher.Id)));

        var accepted = await Forms.PostAsync(browser, "/groups/new", GroupForm(GroupWorld.Unique("Class"), "Autumn term\r\nRoom 12"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("Autumn term\r\nRoom 12", await app.DbAsync(db => db.Groups.Where(g => g.CreatedByUserId == teacher.Id).Select(g => g.Description).SingleAsync()));
    }

    [Fact]
    public async Task A_thread_title_with_a_control_character_is_refused_and_no_thread_is_started()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var browser = await app.SignedInAsync(teacher);

        var response = await Forms.PostAsync(browser, $"/groups/{group.Id}/threads/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Tab\tin the title",
            ["Input.Body"] = "The body is fine.",
            ["Input.IdempotencyKey"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(Refused, html);
        Assert.Contains("The body is fine.", html);
        Assert.False(await app.DbAsync(db => db.Threads.AnyAsync(t => t.GroupId == group.Id)));
    }

    [Fact]
    public async Task A_name_typed_when_joining_with_a_code_is_held_to_the_same_rule()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var userName = GroupWorld.Unique("newcomer");

        var response = await Forms.PostAsync(app.CreateBrowser(), $"/join/{group.JoinCode}", new Dictionary<string, string>
        {
            ["Register.DisplayName"] = "New\u0008Comer",
            ["Register.UserName"] = userName,
            ["Register.Password"] = "my own good passphrase",
        }, postUrl: $"/join/{group.JoinCode}?handler=Register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refused, await response.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.Users.AnyAsync(u => u.UserName == userName)));
    }

    static Dictionary<string, string> GroupForm(string name, string description) => new()
    {
        ["Input.Name"] = name,
        ["Input.Description"] = description,
        ["Input.Kind"] = "Class",
        ["Input.TimeZone"] = "Europe/Paris",
        ["Input.MemberListVisibility"] = "DisplayNames",
    };
}
