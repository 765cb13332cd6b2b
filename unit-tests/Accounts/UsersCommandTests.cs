using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Commands;

namespace StudyGuide.Tests.Accounts;

/// <summary>`dotnet run -- users ...` against the test database, reading what it prints.</summary>
public class UsersCommandTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    sealed record Run(int ExitCode, string Output, string Error);

    async Task<Run> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = CommandLine.Parse(args);
        Assert.NotNull(command);
        var exitCode = await command.RunAsync(app.Services, output, error);
        return new Run(exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Create_with_a_role_makes_an_account_that_is_listed_with_its_role()
    {
        var created = await RunAsync("users", "create", "--email", "pat@school.example", "--password", "a teacher passphrase", "--role", "teacher", "--name", "Pat Teacher");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal("", created.Error);
        var list = await RunAsync("users", "list");
        Assert.Equal(0, list.ExitCode);
        var line = Assert.Single(list.Output.Split('\n'), l => l.StartsWith("pat@school.example\t", StringComparison.Ordinal));
        Assert.Contains("Pat Teacher", line);
        Assert.Contains("Teacher", line);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(app.CreateBrowser(), "pat@school.example", "a teacher passphrase")).StatusCode);
    }

    [Theory]
    [InlineData("Unknown role 'Headmaster'", "users", "create", "--email", "a@school.example", "--password", "a good passphrase", "--role", "Headmaster")]
    [InlineData("Missing --password.", "users", "create", "--email", "b@school.example")]
    [InlineData("Option --password needs a value.", "users", "create", "--email", "c@school.example", "--password")]
    [InlineData("most common", "users", "create", "--email", "d@school.example", "--password", "password123")]
    [InlineData("at least 10 characters", "users", "create", "--email", "e@school.example", "--password", "nine char", "--role", "Admin")]
    [InlineData("Unknown option --colour", "users", "create", "--email", "f@school.example", "--password", "a good passphrase", "--colour", "blue")]
    [InlineData("Unknown command", "users", "delete", "--email", "g@school.example")]
    public async Task Bad_input_exits_non_zero_with_a_clear_message_and_creates_nothing(string message, params string[] args)
    {
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        var run = await RunAsync(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_duplicate_email_is_refused()
    {
        await app.CreateUserAsync("dup-owner", "a good passphrase", email: "dup@school.example");
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        var run = await RunAsync("users", "create", "--email", "dup@school.example", "--password", "another passphrase");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("An account with the email dup@school.example already exists.", run.Error);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Set_password_changes_it_and_unlocks_a_locked_out_account()
    {
        await app.CreateUserAsync("locked-out", "the forgotten passphrase");
        var browser = app.CreateBrowser();
        for (var i = 0; i < 5; i++) await Forms.SignInAsync(browser, "locked-out", "guess " + i);
        Assert.Contains("this account is locked", await (await Forms.SignInAsync(browser, "locked-out", "the forgotten passphrase")).Content.ReadAsStringAsync());

        var run = await RunAsync("users", "set-password", "--username", "locked-out", "--password", "a fresh new passphrase");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Password changed for locked-out.", run.Output);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(app.CreateBrowser(), "locked-out", "a fresh new passphrase")).StatusCode);
    }

    [Fact]
    public async Task Set_password_for_an_unknown_account_says_so()
    {
        var run = await RunAsync("users", "set-password", "--username", "nobody-at-all", "--password", "a fresh new passphrase");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No account matches.", run.Error);
    }
}
