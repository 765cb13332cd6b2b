using Microsoft.Playwright;
using StudyGuide.E2E.Accounts;
using StudyGuide.E2E.Infrastructure;
using StudyGuide.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Deployment;

/// <summary>
/// Two app processes on one database, as behind a reverse proxy (docs/DEPLOYMENT.md): whichever instance a
/// request reaches, it sees the same sessions, the same account changes and the same posts. A browser sends its
/// cookies to both, since cookies are per host and not per port, exactly as behind one proxy address.
/// </summary>
public class TwoInstancesTests(TestDatabases databases, Browser browser)
{
    const string Password = "a long enough passphrase";

    [Fact]
    public async Task Two_instances_started_together_on_an_empty_database_both_migrate_it_and_serve()
    {
        var settings = AppSettings.WithDatabase(await databases.CreateEmptyDatabaseAsync());

        var starting = new[] { AppProcess.StartAsync(settings), AppProcess.StartAsync(settings) };
        await using var first = await starting[0];
        await using var second = await starting[1];

        Assert.Equal("Healthy", await HealthAsync(first));
        Assert.Equal("Healthy", await HealthAsync(second));
        Assert.Equal(0, await first.StopAsync());
        Assert.Equal(0, await second.StopAsync());
        Assert.DoesNotContain("fail:", first.Output + second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_accepted_by_the_other_and_a_post_made_on_one_is_read_on_the_other()
    {
        await using var site = await TwoInstances.StartAsync(databases);
        var ada = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(ada, site.A.BaseAddress, "ada", Password);
        await Expect(ada.GetByText("Signed in as Ada.")).ToBeVisibleAsync();

        await ada.GotoAsync(site.B.Url("/").ToString());
        await Expect(ada.GetByText("Signed in as Ada.")).ToBeVisibleAsync();

        var threadPath = await site.ThreadAsync();
        await ada.GotoAsync(site.A.Url(threadPath).ToString());
        await ada.GetByLabel("Your post").FillAsync("Written through the first instance.");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(ada.Locator("article.post")).ToHaveCountAsync(2);

        await ada.GotoAsync(site.B.Url(threadPath).ToString());
        await Expect(ada.Locator("article.post").Nth(1)).ToContainTextAsync("Written through the first instance.");
    }

    [Fact]
    public async Task A_suspension_made_on_one_instance_ends_the_session_on_the_other_at_its_next_request()
    {
        await using var site = await TwoInstances.StartAsync(databases);
        var ada = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(ada, site.B.BaseAddress, "ada", Password);
        await Expect(ada.GetByText("Signed in as Ada.")).ToBeVisibleAsync();

        var admin = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(admin, site.A.BaseAddress, "admin", Password);
        await admin.GotoAsync(site.A.Url("/moderation/users?q=ada").ToString());
        await admin.GetByRole(AriaRole.Link, new() { Name = "Ada (ada)" }).ClickAsync();
        await admin.GetByLabel("Reason (the person sees it)").FillAsync("Spamming the class");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Suspend Ada" }).SubmitAndWaitForNextPageAsync();
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Lift the suspension of Ada" })).ToBeVisibleAsync();

        await ada.GotoAsync(site.B.Url("/me/work").ToString());
        await Expect(SignInFlow.SiteNavigation(ada).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(ada.GetByText("Signed in as Ada.")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_password_change_made_on_one_instance_ends_the_other_sessions_on_the_other_instance()
    {
        await using var site = await TwoInstances.StartAsync(databases);
        // Two devices: the laptop signed in through A, the phone through B.
        var laptop = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(laptop, site.A.BaseAddress, "ada", Password);
        var phone = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(phone, site.B.BaseAddress, "ada", Password);
        await Expect(phone.GetByText("Signed in as Ada.")).ToBeVisibleAsync();

        await laptop.GotoAsync(site.A.Url("/account/password").ToString());
        await laptop.GetByLabel("Current password").FillAsync(Password);
        await laptop.GetByLabel("New password").FillAsync("another long passphrase");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Change password" }).SubmitAndWaitForNextPageAsync();
        await Expect(laptop.GetByText("Your password has been changed. You are still signed in here; other devices have been signed out.")).ToBeVisibleAsync();

        await phone.GotoAsync(site.B.Url("/me/work").ToString());
        await Expect(SignInFlow.SiteNavigation(phone).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    static async Task<string> HealthAsync(AppProcess app)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(app.Url("/health"));
    }

    /// <summary>An admin, Ada and a class with a discussion in one database, and two app processes on it.</summary>
    sealed class TwoInstances(AppProcess a, AppProcess b, string connectionString) : IAsyncDisposable
    {
        public AppProcess A => a;
        public AppProcess B => b;

        public static async Task<TwoInstances> StartAsync(TestDatabases databases)
        {
            var connectionString = await databases.CreateDatabaseAsync();
            var settings = AppSettings.WithDatabase(connectionString);
            foreach (var (user, name, role) in new[] { ("admin", "Ms Okafor", "Admin"), ("ada", "Ada", (string?)null) })
            {
                string[] arguments = ["users", "create", "--username", user, "--email", $"{user}@school.example", "--password", Password, "--name", name];
                if (role is not null) arguments = [.. arguments, "--role", role];
                var (exitCode, output) = await AppProcess.RunCommandAsync(settings, arguments);
                Assert.True(exitCode == 0, output);
            }
            var a = await AppProcess.StartAsync(settings);
            try
            {
                return new TwoInstances(a, await AppProcess.StartAsync(settings), connectionString);
            }
            catch
            {
                await a.DisposeAsync();
                throw;
            }
        }

        /// <summary>A club Ada leads, with a discussion of one post; returns the discussion's path.</summary>
        public async Task<string> ThreadAsync() => $"/threads/{await ClubDiscussion.CreateAsync(connectionString, "The first post.", "ada")}";

        public async ValueTask DisposeAsync()
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}
