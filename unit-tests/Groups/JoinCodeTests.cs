using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Groups;

public class JoinCodeTests(StudyGuideFactory app, TestDatabases databases) : IClassFixture<StudyGuideFactory>
{
    async Task<(Group Group, User Teacher)> ClassAsync()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        return (await app.GroupAsync(teacher), teacher);
    }

    [Fact]
    public async Task The_join_code_page_shows_the_full_join_link_to_share()
    {
        var (group, teacher) = await ClassAsync();

        var page = await (await app.SignedInAsync(teacher)).GetStringAsync($"/groups/{group.Id}/join-code");

        Assert.Contains($"<span class=\"secret\">http://localhost/join/{JoinCodes.Display(group.JoinCode!)}</span>", page);
    }

    Task<bool> IsMemberAsync(Group group, User user) =>
        app.DbAsync(db => db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.UserId == user.Id));

    static Task<HttpResponseMessage> JoinAsync(HttpClient browser, string codeInUrl) =>
        Forms.PostAsync(browser, $"/join/{Uri.EscapeDataString(codeInUrl)}", new Dictionary<string, string>(), postUrl: $"/join/{Uri.EscapeDataString(codeInUrl)}?handler=Join");

    [Fact]
    public void Codes_are_eight_unambiguous_characters_shown_in_two_groups_of_four()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = JoinCodes.Generate();
            Assert.Equal(8, code.Length);
            Assert.DoesNotContain(code, c => "0O1IL".Contains(c));
            Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}$", JoinCodes.Display(code));
        }
    }

    [Fact]
    public async Task The_join_link_shows_the_group_and_one_button_joins_it()
    {
        var (group, _) = await ClassAsync();
        var student = await app.UserAsync("student");
        var browser = await app.SignedInAsync(student);

        var page = await browser.GetStringAsync($"/join/{JoinCodes.Display(group.JoinCode!)}");
        var joined = await JoinAsync(browser, JoinCodes.Display(group.JoinCode!));

        Assert.Contains(group.Name, page);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/groups/{group.Id}", joined.Headers.Location?.OriginalString);
        Assert.True(await IsMemberAsync(group, student));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/groups/{group.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("spaces")]
    [InlineData("hyphens")]
    [InlineData("mixed")]
    public async Task Typed_codes_match_ignoring_case_spaces_and_hyphens(string variant)
    {
        var (group, _) = await ClassAsync();
        var code = group.JoinCode!;
        var typed = variant switch
        {
            "lower" => code.ToLowerInvariant(),
            "spaces" => $"  {code[..4]} {code[4..]}  ",
            "hyphens" => $"{code[..2]}-{code[2..4]}--{code[4..]}",
            _ => $" {code[..4].ToLowerInvariant()} - {code[4..]}\t",
        };
        var student = await app.UserAsync("student");
        var browser = await app.SignedInAsync(student);

        var typedIn = await Forms.PostAsync(browser, "/join", new Dictionary<string, string> { ["TypedCode"] = typed }, postUrl: "/join?handler=TypeCode");
        Assert.Equal(HttpStatusCode.Redirect, typedIn.StatusCode);
        var link = typedIn.Headers.Location!.OriginalString;
        Assert.Equal($"/join/{JoinCodes.Display(code)}", link);

        var joined = await JoinAsync(browser, code.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.True(await IsMemberAsync(group, student));
    }

    [Fact]
    public async Task A_rotated_code_stops_working_and_the_new_one_works()
    {
        var (group, teacher) = await ClassAsync();
        var teacherBrowser = await app.SignedInAsync(teacher);
        var rotated = await Forms.PostAsync(teacherBrowser, $"/groups/{group.Id}/join-code", new Dictionary<string, string>(), postUrl: $"/groups/{group.Id}/join-code?handler=Rotate");
        Assert.Equal(HttpStatusCode.Redirect, rotated.StatusCode);
        var newCode = await app.DbAsync(db => db.Groups.Where(g => g.Id == group.Id).Select(g => g.JoinCode).SingleAsync());
        Assert.NotEqual(group.JoinCode, newCode);
        Assert.Contains(JoinCodes.Display(newCode!), await teacherBrowser.GetStringAsync($"/groups/{group.Id}/join-code"));

        var student = await app.UserAsync("student");
        var browser = await app.SignedInAsync(student);
        var oldPage = await browser.GetAsync($"/join/{group.JoinCode}");
        Assert.Equal(HttpStatusCode.NotFound, oldPage.StatusCode);
        Assert.Contains("This join code does not work", await oldPage.Content.ReadAsStringAsync());
        Assert.DoesNotContain(group.Name, await oldPage.Content.ReadAsStringAsync());

        var oldJoin = await GroupWorld.PostFormAsync(browser, $"/join/{group.JoinCode}?handler=Join", await GroupWorld.TokenAsync(browser));
        Assert.Equal(HttpStatusCode.NotFound, oldJoin.StatusCode);
        Assert.False(await IsMemberAsync(group, student));

        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(browser, newCode!)).StatusCode);
        Assert.True(await IsMemberAsync(group, student));
    }

    [Fact]
    public async Task A_disabled_code_gets_a_clear_message_until_a_new_code_is_made()
    {
        var (group, teacher) = await ClassAsync();
        var teacherBrowser = await app.SignedInAsync(teacher);
        await Forms.PostAsync(teacherBrowser, $"/groups/{group.Id}/join-code", new Dictionary<string, string>(), postUrl: $"/groups/{group.Id}/join-code?handler=Disable");
        Assert.Null(await app.DbAsync(db => db.Groups.Where(g => g.Id == group.Id).Select(g => g.JoinCode).SingleAsync()));
        Assert.Contains("Joining by code is turned off", await teacherBrowser.GetStringAsync($"/groups/{group.Id}/join-code"));

        var student = await app.UserAsync("student");
        var browser = await app.SignedInAsync(student);
        var page = await browser.GetAsync($"/join/{group.JoinCode}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("This join code does not work", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await JoinAsync(browser, group.JoinCode!)).StatusCode);
        Assert.False(await IsMemberAsync(group, student));
    }

    [Fact]
    public async Task A_code_that_cannot_exist_gets_a_clear_message_on_the_join_form()
    {
        var browser = app.CreateBrowser();
        var response = await Forms.PostAsync(browser, "/join", new Dictionary<string, string> { ["TypedCode"] = "O0O0-1I1I" }, postUrl: "/join?handler=TypeCode");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("A join code has 8 letters and digits", html);
        Assert.Contains("value=\"O0O0-1I1I\"", html);
    }

    [Fact]
    public async Task A_visitor_with_a_valid_code_creates_an_account_on_the_spot_even_with_open_registration_off()
    {
        var (group, _) = await ClassAsync();
        Assert.False(await app.DbAsync(db => db.SiteSettings.Select(s => s.AllowOpenRegistration).SingleAsync()));
        var browser = app.CreateBrowser();
        var userName = GroupWorld.Unique("newcomer");

        var response = await Forms.PostAsync(browser, $"/join/{group.JoinCode}", new Dictionary<string, string>
        {
            ["Register.DisplayName"] = "New Comer",
            ["Register.UserName"] = userName,
            ["Register.Password"] = "my own good passphrase",
        }, postUrl: $"/join/{group.JoinCode}?handler=Register");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = await app.DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));
        Assert.Null(user.Email);
        Assert.Null(user.CreatedByUserId);
        Assert.True(await IsMemberAsync(group, user));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/groups/{group.Id}")).StatusCode);
    }

    [Fact]
    public async Task Registration_with_a_refused_password_keeps_what_was_typed_and_creates_nothing()
    {
        var (group, _) = await ClassAsync();
        var userName = GroupWorld.Unique("newcomer");

        var response = await Forms.PostAsync(app.CreateBrowser(), $"/join/{group.JoinCode}", new Dictionary<string, string>
        {
            ["Register.DisplayName"] = "Typed Name",
            ["Register.UserName"] = userName,
            ["Register.Password"] = "short",
        }, postUrl: $"/join/{group.JoinCode}?handler=Register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("at least 8 characters", html);
        Assert.Contains("value=\"Typed Name\"", html);
        Assert.Contains($"value=\"{userName}\"", html);
        Assert.False(await app.DbAsync(db => db.Users.AnyAsync(u => u.UserName == userName)));
    }

    [Fact]
    public async Task Registration_with_a_wrong_code_creates_nothing()
    {
        var userName = GroupWorld.Unique("newcomer");
        var response = await Forms.PostAsync(app.CreateBrowser(), "/join", new Dictionary<string, string>
        {
            ["Register.DisplayName"] = "Guesser",
            ["Register.UserName"] = userName,
            ["Register.Password"] = "my own good passphrase",
        }, postUrl: "/join/ABCD-EFGH?handler=Register");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.DbAsync(db => db.Users.AnyAsync(u => u.UserName == userName)));
    }

    [Fact]
    public async Task Guessing_codes_is_rate_limited_with_429_and_retry_after()
    {
        await using var limited = new StudyGuideFactory(databases).WithSetting("StudyGuide:RateLimits:JoinCodeTriesPerMinute", "3");
        var guesser = await limited.CreateUserAsync("guesser", GroupWorld.Password);
        var browser = await limited.SignedInAsync(guesser);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) answers.Add((await browser.GetAsync($"/join/ABCD-EFG{i + 2}")).StatusCode);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], answers);
        var refused = await browser.GetAsync("/join/ABCD-EFGH");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null || refused.Headers.Contains("Retry-After"));
    }
}
