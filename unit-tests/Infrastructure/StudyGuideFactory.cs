using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Infrastructure;

/// <summary>
/// The whole app in memory (TestServer) on its own fresh database. Use one per test class
/// (IClassFixture) or create one in a test that needs its own settings.
/// </summary>
public class StudyGuideFactory : WebApplicationFactory<Program>
{
    readonly string connectionString;
    readonly Dictionary<string, string?> settings = new();

    public StudyGuideFactory(TestDatabases databases)
        : this(databases.CreateDatabaseAsync().GetAwaiter().GetResult())
    {
    }

    StudyGuideFactory(string connectionString)
    {
        this.connectionString = connectionString;
        sql = new SqlCommandRecorder(new NpgsqlConnectionStringBuilder(connectionString).Database!);
    }

    /// <summary>The app on a database it has never migrated, as on an installation's first start.</summary>
    public static async Task<StudyGuideFactory> OnEmptyDatabaseAsync(TestDatabases databases) =>
        new(await databases.CreateEmptyDatabaseAsync());

    /// <summary>This test class's own database, for writing to it as another process would.</summary>
    public string ConnectionString => connectionString;

    /// <summary>Waits until the app hears of account changes (<see cref="AccountChecks"/>), so checks are kept in memory.</summary>
    public async Task<AccountChecks> ListeningForAccountChangesAsync()
    {
        var checks = Services.GetRequiredService<AccountChecks>();
        for (var waited = 0; !checks.IsListening && waited < 200; waited++) await Task.Delay(50);
        Assert.True(checks.IsListening, "The app did not start listening for account changes within 10 s.");
        return checks;
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));

    public RecordingEmailSender Emails { get; } = new();

    /// <summary>Every log entry the app wrote, at the levels its configuration lets through.</summary>
    public RecordingLoggerProvider Logs { get; } = new();

    readonly SqlCommandRecorder sql;

    /// <summary>Records the SQL commands this app sends until the recording is disposed.</summary>
    public SqlCommandRecorder.Recording RecordSql() => sql.Start();

    /// <summary>Overrides a configuration value; call before the first request.</summary>
    public StudyGuideFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:StudyGuide", connectionString);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Emails);
        });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) sql.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        sql.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them).</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<User> CreateUserAsync(string userName, string password, string? role = null, string? email = null, string? displayName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = userName, Email = email, EmailConfirmed = email is not null, DisplayName = displayName ?? userName, CreatedAt = Clock.GetUtcNow() };
        var result = await AccountCreation.CreateAsync(db, users, user, password, role);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>A new browser signed in as <paramref name="login"/>; fails the test if the sign-in does not succeed.</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string login, string password)
    {
        var browser = CreateBrowser();
        var response = await Forms.SignInAsync(browser, login, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {login} failed:\n" + await response.Content.ReadAsStringAsync());
        return browser;
    }

    /// <summary>Creates an account with <paramref name="role"/> (or none) and returns a browser signed in as it.</summary>
    public async Task<(User User, HttpClient Browser)> SignedInUserAsync(string userName, string? role = null, string password = "a long enough passphrase", string? email = null)
    {
        var user = await CreateUserAsync(userName, password, role, email);
        return (user, await SignedInBrowserAsync(userName, password));
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }
}

public sealed class RecordingEmailSender : IEmailSender
{
    readonly List<(string To, string Subject, string Body)> sent = [];

    public bool IsEnabled => true;

    public IReadOnlyList<(string To, string Subject, string Body)> Sent
    {
        get { lock (sent) return sent.ToList(); }
    }

    public Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        lock (sent) sent.Add((to, subject, textBody));
        return Task.CompletedTask;
    }
}

/// <summary>Form posts the way a browser makes them: with the antiforgery token of the page the form is on.</summary>
public static partial class Forms
{
    [GeneratedRegex(""""name="__RequestVerificationToken" type="hidden" value="([^"]+)"""")]
    private static partial Regex AntiforgeryField();

    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token:\n" + html);

    /// <summary>GETs <paramref name="pageUrl"/>, then posts <paramref name="fields"/> to <paramref name="postUrl"/> (default: the same page).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, IDictionary<string, string> fields, string? postUrl = null)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(html) };
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>Where a redirect points, as a path: cookie challenges give absolute URLs, pages give relative ones.</summary>
    public static string RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? ""
        : location.IsAbsoluteUri ? location.PathAndQuery
        : location.OriginalString;

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string password) =>
        PostAsync(client, "/account/sign-in", new Dictionary<string, string> { ["Input.Login"] = login, ["Input.Password"] = password });
}
