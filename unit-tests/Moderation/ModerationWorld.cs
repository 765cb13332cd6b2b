using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Discussions;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Moderation;

/// <summary>Reports, held posts and log entries for moderation tests, written straight to the database with fresh names.</summary>
public static class ModerationWorld
{
    /// <summary>A group with its teacher, a member who posted once in a free thread, and a second member to report it.</summary>
    public sealed record Classroom(Group Group, User Teacher, User Author, User Reporter, DiscussionThread Thread, Post Post);

    public static async Task<Classroom> ClassroomAsync(this StudyGuideFactory app, string text = "A post to review")
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var author = await app.UserAsync("author");
        var reporter = await app.UserAsync("reporter");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, author);
        await app.AddAsync(group, reporter);
        var thread = await app.FreeThreadAsync(group, author);
        var post = await app.PostAsync(thread, author, text);
        return new Classroom(group, teacher, author, reporter, thread, post);
    }

    public static Task ReportAsync(this StudyGuideFactory app, Post post, User reporter, ModerationReason reason = ModerationReason.Bullying, string? note = null) =>
        app.WithDbAsync(async db =>
        {
            db.PostReports.Add(new PostReport { PostId = post.Id, ReporterId = reporter.Id, Reason = reason, Note = note, CreatedAt = app.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

    public static Task HideAsync(this StudyGuideFactory app, Post post) =>
        app.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.HiddenAt, app.Clock.GetUtcNow())));

    public static Task<HeldPost> HoldAsync(this StudyGuideFactory app, DiscussionThread thread, User author, string text, long? editOf = null) =>
        app.WithDbAsync(db => ModerationActions.HoldAsync(db, thread.Id, author.Id, text, $"<p>{WebUtility.HtmlEncode(text)}</p>", Guid.NewGuid(),
            null, null, editOf, HoldReason.PreModeration, null, app.Clock.GetUtcNow()));

    public static Task<Post> PostRowAsync(this StudyGuideFactory app, long postId) =>
        app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId));

    public static Task<List<ModerationLogEntry>> LogOfGroupAsync(this StudyGuideFactory app, Group group) =>
        app.WithDbAsync(db => db.ModerationLog.AsNoTracking().Where(e => e.GroupId == group.Id).OrderBy(e => e.Id).ToListAsync());

    /// <summary>Presses one of a queue item's buttons, as a browser does.</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient browser, string queueUrl, string handler, long itemId, ModerationReason? reason = null, string? note = null)
    {
        var fields = new Dictionary<string, string> { ["Input.ItemId"] = itemId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (reason is { } r) fields["Input.Reason"] = r.ToString();
        if (note is not null) fields["Input.Note"] = note;
        return await GroupWorld.PostFormAsync(browser, $"{queueUrl}?handler={handler}", await GroupWorld.TokenAsync(browser), fields);
    }

    public static string QueueOf(Group group) => $"/groups/{group.Id}/moderation";
}
