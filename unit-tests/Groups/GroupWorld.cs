using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Groups;

/// <summary>Builds groups, members, assignments and reflections straight in the database, with fresh names each time.</summary>
public static class GroupWorld
{
    public const string Password = "a long enough passphrase";
    public const string ModuleSlug = "if-you-are-not-paying";
    public const string OtherModuleSlug = "designed-to-hook";

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public static Task<User> UserAsync(this StudyGuideFactory app, string prefix, string? role = null, string? displayName = null) =>
        app.CreateUserAsync(Unique(prefix), Password, role, displayName: displayName);

    public static async Task<HttpClient> SignedInAsync(this StudyGuideFactory app, User user, string password = Password)
    {
        var browser = app.CreateBrowser();
        var response = await Forms.SignInAsync(browser, user.UserName!, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public static Task<Group> GroupAsync(this StudyGuideFactory app, User facilitator, GroupKind kind = GroupKind.Class,
        MemberListVisibility visibility = MemberListVisibility.DisplayNames, string timeZone = "Europe/Paris") =>
        app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var group = new Group
            {
                Name = Unique("Group"),
                Kind = kind,
                TimeZone = timeZone,
                MemberListVisibility = visibility,
                JoinCode = await JoinCodes.NewUnusedAsync(db),
                CreatedAt = now,
                CreatedByUserId = facilitator.Id,
            };
            group.Memberships.Add(new Membership { UserId = facilitator.Id, Role = MembershipRole.Facilitator, JoinedAt = now });
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group;
        });

    public static Task AddAsync(this StudyGuideFactory app, Group group, User user, MembershipRole role = MembershipRole.Member) =>
        app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Membership { GroupId = group.Id, UserId = user.Id, Role = role, JoinedAt = app.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

    public static Task<Assignment> AssignAsync(this StudyGuideFactory app, Group group, User facilitator, DateTimeOffset? dueAt, string slug = ModuleSlug, string title = "If you are not paying for the product") =>
        app.WithDbAsync(async db =>
        {
            var assignment = new Assignment
            {
                GroupId = group.Id,
                ModuleSlug = slug,
                ModuleTitle = title,
                DueAt = dueAt,
                CreatedAt = app.Clock.GetUtcNow(),
                CreatedByUserId = facilitator.Id,
            };
            db.Assignments.Add(assignment);
            await db.SaveChangesAsync();
            db.Threads.Add(new DiscussionThread
            {
                GroupId = group.Id,
                Kind = ThreadKind.Assignment,
                AssignmentId = assignment.Id,
                Title = "Reflections: " + title,
                CreatedAt = app.Clock.GetUtcNow(),
                ActivityAt = app.Clock.GetUtcNow(),
                MemberActivityAt = app.Clock.GetUtcNow(),
                CreatedByUserId = facilitator.Id,
            });
            await db.SaveChangesAsync();
            return assignment;
        });

    /// <summary>What the discussions feature will do when a member posts in the reflection thread.</summary>
    public static Task ReflectAsync(this StudyGuideFactory app, Assignment assignment, User author, DateTimeOffset at) =>
        app.WithDbAsync(async db =>
        {
            var thread = await db.Threads.SingleAsync(t => t.AssignmentId == assignment.Id);
            var number = await db.Posts.CountAsync(p => p.ThreadId == thread.Id) + 1;
            db.Posts.Add(new Post { ThreadId = thread.Id, AuthorId = author.Id, Number = number, BodyMarkdown = "My reflection", BodyHtml = "<p>My reflection</p>", CreatedAt = at });
            return await db.SaveChangesAsync();
        });

    public static Task<T> DbAsync<T>(this StudyGuideFactory app, Func<AppDbContext, Task<T>> query) => app.WithDbAsync(query);

    /// <summary>An antiforgery token for this browser's user, taken from a page every signed-in user can open.</summary>
    public static async Task<string> TokenAsync(HttpClient browser) =>
        Forms.AntiforgeryToken(await browser.GetStringAsync("/me/calendar"));

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string token, IDictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token };
        return browser.PostAsync(url, new FormUrlEncodedContent(form));
    }
}
