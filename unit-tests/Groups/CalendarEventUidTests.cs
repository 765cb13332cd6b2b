using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Groups;

/// <summary>
/// Calendar apps match events by UID. Assignment ids start at 1 on every installation, so a teacher subscribed
/// to two StudyGuide sites must not see one site's due date replace the other's; and one site's UIDs must not
/// change, or every refresh would duplicate the events.
/// </summary>
public class CalendarEventUidTests(TestDatabases databases)
{
    [Fact]
    public async Task Two_installations_give_the_same_assignment_different_uids_and_each_keeps_its_own()
    {
        await using var first = await StudyGuideFactory.OnEmptyDatabaseAsync(databases);
        await using var second = await StudyGuideFactory.OnEmptyDatabaseAsync(databases);
        var (firstFeed, firstAssignment) = await FeedWithOneDueDateAsync(first);
        var (secondFeed, secondAssignment) = await FeedWithOneDueDateAsync(second);
        Assert.Equal(firstAssignment.Id, secondAssignment.Id);

        var uid = await EventUidAsync(first.CreateBrowser(), firstFeed);

        Assert.NotEqual(uid, await EventUidAsync(second.CreateBrowser(), secondFeed));
        Assert.Equal(uid, await EventUidAsync(first.CreateBrowser(), firstFeed));
        // A new app process on the same database: the id is stored, not made at start-up.
        await using var restarted = first.WithWebHostBuilder(_ => { });
        Assert.Equal(uid, await EventUidAsync(restarted.CreateClient(), firstFeed));
        // The one-assignment download is the same event as the feed's.
        var teacher = await first.SignedInAsync(firstAssignment.Teacher);
        Assert.Equal(uid, await EventUidAsync(teacher, $"/groups/{firstAssignment.GroupId}/assignments/{firstAssignment.Id}.ics"));
    }

    sealed record DatedAssignment(int Id, int GroupId, User Teacher);

    static async Task<(string FeedPath, DatedAssignment Assignment)> FeedWithOneDueDateAsync(StudyGuideFactory app)
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var assignment = await app.AssignAsync(group, teacher, app.Clock.GetUtcNow().AddDays(7));
        var token = await app.DbAsync(db => Calendars.RegenerateAsync(db, teacher.Id, app.Clock.GetUtcNow()));
        return (Calendars.FeedPath(token), new DatedAssignment(assignment.Id, group.Id, teacher));
    }

    static async Task<string> EventUidAsync(HttpClient client, string path)
    {
        var calendar = Ical.Net.Calendar.Load(await client.GetStringAsync(path))!;
        return Assert.Single(calendar.Events).Uid!;
    }
}
