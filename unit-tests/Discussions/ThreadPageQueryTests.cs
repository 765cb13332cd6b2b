using System.Globalization;
using System.Net;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Bench;

namespace StudyGuide.Tests.Discussions;

/// <summary>
/// A thread page costs the same few SQL commands whatever its number (keyset by post number, the
/// count kept in the thread row). Counts commands, never time: the bench measures speed. The count is
/// the bench switch's own (an EF interceptor, reported per request in X-Bench-Sql), so it includes the
/// accounts feature's check that the cookie is still valid.
/// </summary>
public class ThreadPageQueryTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task Every_page_of_a_long_thread_takes_the_same_sql_commands_whatever_its_number()
    {
        app.WithSetting(BenchEndpoints.Setting, "true");
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var member = await app.UserAsync("member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var thread = await app.FreeThreadAsync(group, teacher);
        for (var i = 1; i <= 120; i++) await app.PostAsync(thread, teacher, $"Post {i}");
        var browser = await app.SignedInAsync(member);

        var counts = new List<int>();
        foreach (var page in new[] { 1, 3, 2, 3 })
        {
            var response = await browser.GetAsync($"/threads/{thread.Id}?page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add(int.Parse(response.Headers.GetValues("X-Bench-Sql").Single(), CultureInfo.InvariantCulture));
        }

        // The cookie check, the thread with the reader's access, the page's posts; and on pages read
        // for the first time (1, then 3), the new read position.
        Assert.Equal([4, 4, 3, 3], counts);
    }
}
