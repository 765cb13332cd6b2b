using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Tests.Moderation;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Accounts;

/// <summary>
/// The per-request account check is kept in memory and forgotten when the account changes: at once for
/// changes this app saves, on PostgreSQL's notification for changes written anywhere else, and not kept
/// at all while the app is not listening for those notifications.
/// </summary>
public class AccountChecksTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task A_signed_in_account_is_read_once_then_checked_from_memory()
    {
        var (_, browser) = await app.SignedInUserAsync("remembered-member");
        await app.ListeningForAccountChangesAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        using var recorder = app.RecordSql();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        // The check's own query (the /account page reads the whole user for itself).
        Assert.DoesNotContain(recorder.Commands, sql => sql.Contains("SELECT u.security_stamp, u.suspended_at, u.suspended_until, u.must_change_password", StringComparison.Ordinal));
        Assert.Contains(recorder.Commands, sql => sql.Contains("FROM users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_account_suspended_here_is_out_on_its_very_next_request_even_when_its_check_was_in_memory()
    {
        var (_, admin) = await app.SignedInUserAsync("checks-admin", Roles.Admin);
        var (member, browser) = await app.SignedInUserAsync("checked-member");
        await app.ListeningForAccountChangesAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ModerationForms.SuspendAsync(admin, member.Id)).StatusCode);

        // No waiting for the notification: the save itself forgot the account.
        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(await browser.GetAsync("/account")));
    }

    [Fact]
    public async Task A_password_changed_by_another_process_signs_the_old_cookie_out()
    {
        var (member, browser) = await app.SignedInUserAsync("elsewhere-member");
        await app.ListeningForAccountChangesAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        // As the users command or a second app process would: a new security stamp, written outside this app.
        await ExecuteElsewhereAsync("UPDATE users SET security_stamp = 'changed elsewhere' WHERE id = @id", member.Id);

        // The notification comes when that transaction commits; wait for it, never for a fixed time.
        Assert.True(await SignedOutWithinAsync(browser, TimeSpan.FromSeconds(10)), "The old cookie still worked 10 s after the change.");
    }

    [Fact]
    public async Task While_the_app_is_not_listening_every_request_reads_its_account()
    {
        var (member, browser) = await app.SignedInUserAsync("unheard-member");
        var checks = await app.ListeningForAccountChangesAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        await ExecuteElsewhereAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @id", AccountChecks.ListenerName);
        for (var waited = 0; checks.IsListening && waited < 200; waited++) await Task.Delay(10);
        Assert.False(checks.IsListening);
        // Suspended while no notification can arrive: the next request must read it from the database.
        await ExecuteElsewhereAsync("UPDATE users SET suspended_at = now() WHERE id = @id", member.Id);

        Assert.StartsWith("/account/sign-in", Forms.RedirectPath(await browser.GetAsync("/account")));
        // And the app listens again by itself.
        await app.ListeningForAccountChangesAsync();
    }

    async Task ExecuteElsewhereAsync(string sql, string id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<bool> SignedOutWithinAsync(HttpClient browser, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            var response = await browser.GetAsync("/account");
            if (response.StatusCode == HttpStatusCode.Redirect && Forms.RedirectPath(response).StartsWith("/account/sign-in", StringComparison.Ordinal)) return true;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(20);
        }
        return false;
    }
}

/// <summary>Behind a pooler that cannot keep a LISTEN, the operator turns the kept checks off.</summary>
public class AccountChecksOffTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task With_kept_checks_turned_off_every_request_reads_its_account()
    {
        app.WithSetting("StudyGuide:KeepAccountChecks", "false");
        var (_, browser) = await app.SignedInUserAsync("always-read-member");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);
        // Turned on, the app listens within milliseconds of starting (the tests above wait for it).
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(app.Services.GetRequiredService<AccountChecks>().IsListening);

        using var recorder = app.RecordSql();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        Assert.Contains(recorder.Commands, sql => sql.Contains("SELECT u.security_stamp, u.suspended_at, u.suspended_until, u.must_change_password", StringComparison.Ordinal));
    }
}
