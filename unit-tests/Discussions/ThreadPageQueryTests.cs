using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Discussions;

/// <summary>
/// A thread page costs the same few SQL commands whatever its number (keyset by post number, the
/// count kept in the thread row). Counts commands, never time: the bench measures speed. Every signed-in
/// page also makes the accounts feature's two checks (cookie still valid, no password change due).
/// </summary>
public class ThreadPageQueryTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task Every_page_of_a_long_thread_takes_three_sql_commands_of_its_own_whatever_its_number()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var thread = await app.FreeThreadAsync(group, teacher);
        for (var i = 1; i <= 120; i++) await app.PostAsync(thread, teacher, $"Post {i}");
        var browser = await app.SignedInAsync(member);
        var database = await app.DbAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));

        var counts = new List<int>();
        foreach (var page in new[] { 1, 3, 2, 3 })
        {
            using var counter = new SqlCommandRecorder(database);
            await DiscussionWorld.ReadAsync(browser, $"/threads/{thread.Id}?page={page}");
            counts.Add(counter.Count);
        }

        const int SignInChecks = 2;
        Assert.All(counts, count => Assert.InRange(count - SignInChecks, 1, 3));
        Assert.Equal(counts[0], counts[1]);
        // A page already read skips the read-position update: one command fewer, never more.
        Assert.Equal(counts[1] - 1, counts[3]);
    }
}
