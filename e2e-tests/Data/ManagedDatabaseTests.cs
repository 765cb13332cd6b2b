using System.Diagnostics;
using Microsoft.Playwright;
using StudyGuide.E2E.Accounts;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Data;

/// <summary>
/// With no connection string the app keeps its own PostgreSQL cluster in its data directory:
/// created on first start, started and stopped with the app, and its data kept across restarts.
/// </summary>
public class ManagedDatabaseTests(Browser browser)
{
    const string AdminPassword = "a good long passphrase";

    [Fact]
    public async Task The_app_creates_its_cluster_and_stops_it_on_shutdown()
    {
        using var data = new ManagedDataDirectory();
        var app = await AppProcess.StartAsync(AppSettings.WithManagedDatabase(data.Path));
        await using (app)
        {
            Assert.True(File.Exists(Path.Combine(data.ClusterDirectory, "PG_VERSION")));
            Assert.NotEmpty(data.PostgresProcesses());
            Assert.Equal("Healthy", await GetStringAsync(app, "/health"));

            Assert.Equal(0, await app.StopAsync());
        }

        Assert.Empty(data.PostgresProcesses());
    }

    [Fact]
    public async Task Accounts_survive_a_restart_and_no_second_setup_link_is_printed()
    {
        using var data = new ManagedDataDirectory();
        var settings = AppSettings.WithManagedDatabase(data.Path);
        await using (var first = await AppProcess.StartAsync(settings))
        {
            await first.SetupLinkAsync();
            // An operator creates the admin from the shell while the site runs: the site must keep its database.
            var (exitCode, output) = await AppProcess.RunCommandAsync(settings,
                "users", "create", "--email", "ada@school.example", "--password", AdminPassword, "--role", "Admin", "--name", "Ada Admin");
            Assert.True(exitCode == 0, output);
            Assert.Equal("Healthy", await GetStringAsync(first, "/health"));
            Assert.Equal(0, await first.StopAsync());
        }
        Assert.Empty(data.PostgresProcesses());

        await using var second = await AppProcess.StartAsync(settings);
        var page = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(page, second.BaseAddress, "ada@school.example", AdminPassword);
        await Expect(page.GetByText("Signed in as Ada Admin.")).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();

        Assert.Equal(0, await second.StopAsync());
        Assert.DoesNotContain("/setup?token=", second.Output, StringComparison.Ordinal);
        Assert.Empty(data.PostgresProcesses());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stale_postmaster_pid_left_by_a_crash_does_not_prevent_the_next_start(bool pidNowBelongsToAnotherProcess)
    {
        using var data = new ManagedDataDirectory();
        var settings = AppSettings.WithManagedDatabase(data.Path);
        var (exitCode, output) = await AppProcess.RunCommandAsync(settings, "migrate");
        Assert.True(exitCode == 0, output);
        // After a power cut the server is gone but its lock file stays; after a reboot its PID may be anyone's.
        var stalePid = pidNowBelongsToAnotherProcess ? Environment.ProcessId : await ExitedProcessIdAsync();
        await File.WriteAllTextAsync(Path.Combine(data.ClusterDirectory, "postmaster.pid"),
            $"{stalePid}\n{data.ClusterDirectory}\n1700000000\n5432\n{data.Path}/run\n\n  5432001    0\nready   \n");

        await using var app = await AppProcess.StartAsync(settings);

        Assert.Equal("Healthy", await GetStringAsync(app, "/health"));
        Assert.Equal(0, await app.StopAsync());
        Assert.Empty(data.PostgresProcesses());
    }

    [Fact]
    public async Task The_migrate_command_prepares_the_database_and_leaves_no_server_running()
    {
        using var data = new ManagedDataDirectory();

        var (exitCode, output) = await AppProcess.RunCommandAsync(AppSettings.WithManagedDatabase(data.Path), "migrate");

        Assert.True(exitCode == 0, output);
        Assert.Contains("The database is up to date.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.ClusterDirectory, "PG_VERSION")));
        Assert.Empty(data.PostgresProcesses());
    }

    [Fact]
    public async Task Run_as_root_the_cluster_belongs_to_the_postgres_user()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "Only a root run hands the cluster to the postgres user.");
        using var data = new ManagedDataDirectory();

        var (exitCode, output) = await AppProcess.RunCommandAsync(AppSettings.WithManagedDatabase(data.Path), "migrate");

        Assert.True(exitCode == 0, output);
        Assert.Equal("postgres", await OwnerOfAsync(data.ClusterDirectory));
        Assert.Equal("postgres", await OwnerOfAsync(Path.Combine(data.ClusterDirectory, "PG_VERSION")));
    }

    [Fact]
    public async Task A_signed_in_browser_stays_signed_in_across_a_restart()
    {
        using var data = new ManagedDataDirectory();
        var settings = AppSettings.WithManagedDatabase(data.Path);
        var page = await browser.NewPageAsync();
        await using (var first = await AppProcess.StartAsync(settings))
        {
            await SignInFlow.CreateFirstAdminAsync(page, await first.SetupLinkAsync(), "Ada Admin", "ada@school.example", AdminPassword);
            await page.GotoAsync(first.Url("/").ToString());
            await Expect(page.GetByText("Signed in as Ada Admin.")).ToBeVisibleAsync();
            await page.CheckAccessibilityAsync();
            Assert.Equal(0, await first.StopAsync());
        }

        // The restarted app listens on another free port; cookies belong to the host, not the port,
        // so the same browser context presents the cookie it was given before the restart.
        await using var second = await AppProcess.StartAsync(settings);
        await page.GotoAsync(second.Url("/").ToString());

        await Expect(page.GetByText("Signed in as Ada Admin.")).ToBeVisibleAsync();
        await Expect(SignInFlow.SignOutButton(page)).ToBeVisibleAsync();
        await page.CheckAccessibilityAsync();
    }

    static async Task<string> GetStringAsync(AppProcess app, string path)
    {
        using var client = new HttpClient();
        return await client.GetStringAsync(app.Url(path));
    }

    static async Task<int> ExitedProcessIdAsync()
    {
        using var process = Process.Start("true");
        await process.WaitForExitAsync();
        return process.Id;
    }

    static async Task<string> OwnerOfAsync(string path)
    {
        var start = new ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var owner = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return owner.Trim();
    }
}
