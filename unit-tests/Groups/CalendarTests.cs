using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Groups;

public class CalendarTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static string FeedPathIn(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, @"https?://[^<\s]+(/calendar/[A-Za-z0-9_-]+\.ics)").Groups[1].Value;

    [Fact]
    public async Task The_feed_is_a_valid_calendar_of_my_due_dates_and_regenerating_it_kills_the_old_address()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var student = await app.UserAsync("student");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, student);
        var due = new DateTimeOffset(2026, 10, 20, 16, 0, 0, TimeSpan.Zero);
        var assignment = await app.AssignAsync(group, teacher, due, title: "Feed Module");
        await app.AssignAsync(group, teacher, null, title: "Undated Module");
        var browser = await app.SignedInAsync(student);

        var made = await Forms.PostAsync(browser, "/me/calendar", new Dictionary<string, string>());
        var feedPath = FeedPathIn(await made.Content.ReadAsStringAsync());
        Assert.NotEmpty(feedPath);

        var anonymous = app.CreateBrowser();
        var response = await anonymous.GetAsync(feedPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var dueEvent = Assert.Single(calendar.Events);
        Assert.Equal(due.UtcDateTime, dueEvent.DtStart!.AsUtc);
        Assert.Equal($"Feed Module ({group.Name})", dueEvent.Summary);
        Assert.Contains($"/groups/{group.Id}/assignments/{assignment.Id}", dueEvent.Url!.ToString());

        var remade = await Forms.PostAsync(browser, "/me/calendar", new Dictionary<string, string>());
        var newPath = FeedPathIn(await remade.Content.ReadAsStringAsync());
        Assert.NotEqual(feedPath, newPath);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(feedPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(newPath)).StatusCode);
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored()
    {
        var student = await app.UserAsync("student");
        var browser = await app.SignedInAsync(student);
        var made = await Forms.PostAsync(browser, "/me/calendar", new Dictionary<string, string>());
        var token = FeedPathIn(await made.Content.ReadAsStringAsync()).Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal);

        var stored = await app.DbAsync(db => db.CalendarFeeds.AsNoTracking().SingleAsync(f => f.UserId == student.Id));

        Assert.NotEqual(token, stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash);
        Assert.DoesNotContain(token, await browser.GetStringAsync("/me/calendar"));
    }

    [Fact]
    public async Task An_unknown_token_gets_404()
    {
        var response = await app.CreateBrowser().GetAsync("/calendar/not-a-real-token-at-all-not-at-all-xxxxxxxxxx.ics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_users_assignments_are_not_in_my_feed()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var me = await app.UserAsync("me");
        var someoneElse = await app.UserAsync("someone");
        var mine = await app.GroupAsync(teacher);
        var theirs = await app.GroupAsync(teacher);
        await app.AddAsync(mine, me);
        await app.AddAsync(theirs, someoneElse);
        await app.AssignAsync(mine, teacher, app.Clock.GetUtcNow().AddDays(2), title: "My Module");
        await app.AssignAsync(theirs, teacher, app.Clock.GetUtcNow().AddDays(2), title: "Their Module");
        var token = await app.DbAsync(db => StudyGuide.Web.Groups.Calendars.RegenerateAsync(db, me.Id, app.Clock.GetUtcNow()));

        var feed = await app.CreateBrowser().GetStringAsync($"/calendar/{token}.ics");

        Assert.Contains("My Module", feed);
        Assert.DoesNotContain("Their Module", feed);
    }
}
