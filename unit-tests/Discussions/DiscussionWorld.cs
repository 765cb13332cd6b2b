using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Discussions;

/// <summary>Threads and posts for discussion tests, made the way the app makes them (the posting service), with fresh names.</summary>
public static class DiscussionWorld
{
    public static Task<DiscussionThread> FreeThreadAsync(this StudyGuideFactory app, Group group, User creator, string? title = null) =>
        app.WithDbAsync(async db =>
        {
            var thread = new DiscussionThread
            {
                GroupId = group.Id,
                Kind = ThreadKind.Free,
                Title = title ?? GroupWorld.Unique("Discussion"),
                CreatedAt = app.Clock.GetUtcNow(),
                ActivityAt = app.Clock.GetUtcNow(),
                MemberActivityAt = app.Clock.GetUtcNow(),
                CreatedByUserId = creator.Id,
            };
            db.Threads.Add(thread);
            await db.SaveChangesAsync();
            return thread;
        });

    public static async Task<DiscussionThread> ReflectionThreadAsync(this StudyGuideFactory app, Group group, User facilitator, ReflectionMode mode)
    {
        var assignment = await app.AssignAsync(group, facilitator, app.Clock.GetUtcNow().AddDays(7));
        return await app.WithDbAsync(async db =>
        {
            await db.Assignments.Where(a => a.Id == assignment.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.ReflectionMode, mode));
            return await db.Threads.AsNoTracking().SingleAsync(t => t.AssignmentId == assignment.Id);
        });
    }

    public static async Task<Post> PostAsync(this StudyGuideFactory app, DiscussionThread thread, User author, string text,
        int? replyTo = null, string? visibleTo = null, Guid? key = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var result = await Posting.CreateAsync(db, thread.Id, author.Id, text, key ?? Guid.NewGuid(), replyTo, visibleTo, app.Clock.GetUtcNow());
        Assert.Null(result.Problem);
        return result.Post!;
    }

    public static Task<List<Post>> PostsAsync(this StudyGuideFactory app, DiscussionThread thread) =>
        app.WithDbAsync(db => db.Posts.AsNoTracking().Where(p => p.ThreadId == thread.Id).OrderBy(p => p.Number).ToListAsync());

    /// <summary>Replies through the thread page's form, as a browser does.</summary>
    public static async Task<HttpResponseMessage> ReplyAsync(HttpClient browser, int threadId, string text, Guid? key = null, int? replyTo = null)
    {
        var page = await browser.GetAsync($"/threads/{threadId}?page=1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            ["Input.Body"] = text,
            ["Input.IdempotencyKey"] = (key ?? Guid.NewGuid()).ToString(),
        };
        if (replyTo is { } number) fields["Input.ReplyToNumber"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await browser.PostAsync($"/threads/{threadId}?page=1", new FormUrlEncodedContent(fields));
    }

    /// <summary>GETs a page that must answer 200 and returns its HTML.</summary>
    public static async Task<string> ReadAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode} {response.Headers.Location}:\n{html}");
        return html;
    }
}
