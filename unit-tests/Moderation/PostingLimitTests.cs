using System.Net;
using StudyGuide.Tests.Discussions;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Moderation;

public class PostingLimitTests(TestDatabases databases)
{
    [Fact]
    public async Task Over_the_posting_limit_a_post_is_refused_with_its_text_kept_and_the_next_account_is_not_affected()
    {
        await using var app = new StudyGuideFactory(databases);
        app.WithSetting("StudyGuide:RateLimits:PostsPerMinute", "2");
        var teacher = await app.UserAsync("limit-teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var fast = await app.UserAsync("limit-fast");
        var other = await app.UserAsync("limit-other");
        await app.AddAsync(group, fast);
        await app.AddAsync(group, other);
        var thread = await app.FreeThreadAsync(group, teacher);
        var browser = await app.SignedInAsync(fast);

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(browser, thread.Id, $"Post {i}")).StatusCode);
        var third = await DiscussionWorld.ReplyAsync(browser, thread.Id, "A third post in the same minute");

        var html = await third.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Contains("You are posting very fast.", html);
        Assert.Contains("A third post in the same minute</textarea>", html);
        Assert.Equal(2, (await app.PostsAsync(thread)).Count);
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionWorld.ReplyAsync(await app.SignedInAsync(other), thread.Id, "Mine")).StatusCode);
    }
}
