using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using StudyGuide.E2E.Accounts;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Infrastructure;

/// <summary>
/// One running app with a teacher (Ms Rivera) and four students (Ada, Bob, Cy, Dee), shared by a test class:
/// four, so that three classmates can report a fourth's post and reach the default report threshold.
/// Each test asks for a class of its own (<see cref="NewClassAsync"/>), so no test reads another's data.
/// </summary>
public sealed class Classroom(TestDatabases databases) : IAsyncLifetime
{
    public const string Password = "a long enough passphrase";

    static readonly string[] StudentUserNames = ["ada", "bob", "cy", "dee"];

    string connectionString = "";
    AppProcess? app;
    readonly SemaphoreSlim makingSiteStaff = new(1, 1);
    bool siteStaffMade;

    public AppProcess App => app ?? throw new InvalidOperationException("The app has not started.");

    public async ValueTask InitializeAsync()
    {
        connectionString = await databases.CreateDatabaseAsync();
        var settings = AppSettings.WithDatabase(connectionString);
        foreach (var (user, name, role) in new[] { ("teacher", "Ms Rivera", "Teacher"), ("ada", "Ada", (string?)null), ("bob", "Bob", null), ("cy", "Cy", null), ("dee", "Dee", null) })
            await CreateUserAsync(settings, user, name, role);
        app = await AppProcess.StartAsync(settings);
    }

    static async Task CreateUserAsync(AppSettings settings, string user, string name, string? role)
    {
        string[] arguments = ["users", "create", "--username", user, "--email", $"{user}@school.example", "--password", Password, "--name", name];
        if (role is not null) arguments = [.. arguments, "--role", role];
        var (exitCode, output) = await AppProcess.RunCommandAsync(settings, arguments);
        Assert.True(exitCode == 0, output);
    }

    /// <summary>
    /// Makes a site administrator ("admin", Ms Okafor) and a site moderator ("moderator", Mr Lind) on first call,
    /// with the operator command, as an operator would; the classes that need neither do not pay for them.
    /// </summary>
    public async Task EnsureSiteStaffAsync()
    {
        await makingSiteStaff.WaitAsync();
        try
        {
            if (siteStaffMade) return;
            var settings = AppSettings.WithDatabase(connectionString);
            await CreateUserAsync(settings, "admin", "Ms Okafor", "Admin");
            await CreateUserAsync(settings, "moderator", "Mr Lind", "Moderator");
            siteStaffMade = true;
        }
        finally
        {
            makingSiteStaff.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        makingSiteStaff.Dispose();
    }

    /// <summary>A new class led by the teacher, with the four students as members unless <paramref name="withStudents"/> is false; returns the group home's URL.</summary>
    public async Task<string> NewClassAsync(bool withStudents = true)
    {
        await using var db = NewDbContext();
        var users = await db.Users.Where(u => u.UserName == "teacher" || StudentUserNames.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var now = DateTimeOffset.UtcNow;
        var group = new Group
        {
            Name = "Class " + Guid.NewGuid().ToString("N")[..6],
            Kind = GroupKind.Class,
            TimeZone = "Europe/Paris",
            MemberListVisibility = MemberListVisibility.DisplayNames,
            JoinCode = await JoinCodes.NewUnusedAsync(db),
            CreatedAt = now,
            CreatedByUserId = users["teacher"],
        };
        group.Memberships.Add(new Membership { UserId = users["teacher"], Role = MembershipRole.Facilitator, JoinedAt = now });
        if (withStudents)
        {
            foreach (var student in StudentUserNames)
                group.Memberships.Add(new Membership { UserId = users[student], Role = MembershipRole.Member, JoinedAt = now });
        }
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        return App.Url($"/groups/{group.Id}").ToString();
    }

    /// <summary>A discussion in the class at <paramref name="groupUrl"/> with <paramref name="posts"/> posts by Ada, made by the posting service; returns its URL.</summary>
    public async Task<string> ThreadWithPostsAsync(string groupUrl, int posts)
    {
        var groupId = int.Parse(new Uri(groupUrl).Segments[^1], System.Globalization.CultureInfo.InvariantCulture);
        await using var db = NewDbContext();
        var ada = await db.Users.Where(u => u.UserName == "ada").Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var thread = new DiscussionThread
        {
            GroupId = groupId, Kind = ThreadKind.Free, Title = "A long discussion", CreatedAt = now, ActivityAt = now, MemberActivityAt = now, CreatedByUserId = ada,
        };
        db.Threads.Add(thread);
        await db.SaveChangesAsync();
        for (var n = 1; n <= posts; n++)
        {
            var result = await Posting.CreateAsync(db, thread.Id, ada, $"Post number {n}", Guid.NewGuid(), null, null, now);
            Assert.Null(result.Problem);
        }
        return App.Url($"/threads/{thread.Id}").ToString();
    }

    public async Task<IPage> SignedInAsync(Browser browser, string user)
    {
        var page = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(page, App.BaseAddress, user, Password);
        await Expect(SignInFlow.SignOutButton(page)).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// A browser that runs no script, signed in as <paramref name="user"/>: the sign-in (and its axe check, which needs
    /// script) happens in a browser that runs it, and the session cookie is handed over.
    /// </summary>
    public async Task<IPage> SignedInWithoutScriptAsync(Browser browser, string user)
    {
        var signedIn = await SignedInAsync(browser, user);
        var page = await browser.NewPageAsync(javaScriptEnabled: false);
        var cookies = await signedIn.Context.CookiesAsync();
        await page.Context.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        return page;
    }

    /// <summary>The app's database, for a test's setup (the journey under test goes through the browser).</summary>
    public AppDbContext NewDbContext() => NewDbContext(connectionString);

    public static AppDbContext NewDbContext(string connectionString) =>
        new((DbContextOptions<AppDbContext>)Database.Configure(new DbContextOptionsBuilder<AppDbContext>(), connectionString).Options);
}
