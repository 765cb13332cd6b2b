using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using StudyGuide.Web;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Bench;
using StudyGuide.Web.Commands;
using StudyGuide.Web.Curriculum;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Pages;
using StudyGuide.Web.Pages.Discussions;
using StudyGuide.Web.Security;

// `dotnet run -- users list` and friends: operator commands share the app's services, not its web host.
var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = command is null ? args : [], ContentRootPath = PublishedContentRoot() });
// Outside Development the framework serves only published assets; this lets a plain `dotnet build` output
// serve its CSS too (a browser asks for the gzip variant, which lives in obj/). A no-op when published.
builder.WebHost.UseStaticWebAssets();
// Outside Development, no watching build output for asset edits (a file check per request): bench/RESULTS.md.
if (!builder.Environment.IsDevelopment()) builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

// Every StudyGuide:* setting, bound and validated before anything starts: a wrong one stops the app here with an
// OptionsValidationException naming it. The services get the same class through IOptions, checked again at start.
var settings = StudyGuideOptions.Load(builder.Configuration);

// `content check` reads files only, so it answers before any database server is started.
if (command is { NeedsDatabase: false }) return command.RunWithoutDatabase(settings, builder.Environment.ContentRootPath);

LocalPostgres? localPostgres;
try
{
    localPostgres = await Database.StartLocalServerIfUnconfiguredAsync(builder.Configuration, settings);
}
catch (LocalPostgresException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

try
{
    // Services
    var connectionString = Database.WithDefaults(builder.Configuration.GetConnectionString(Database.ConnectionStringName)!);
    // Pooled, and EF's per-row thread-safety check off in Production only (a tenth of a page's allocations): bench/RESULTS.md.
    builder.Services.AddDbContextPool<AppDbContext>((services, options) =>
        Database.Configure(options, connectionString).EnableThreadSafetyChecks(!builder.Environment.IsProduction())
            .AddInterceptors(services.GetRequiredService<AccountChecks>()));
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddOptions<StudyGuideOptions>().Bind(builder.Configuration.GetSection(StudyGuideOptions.Section)).ValidateOnStart();
    builder.Services.AddSingleton<IValidateOptions<StudyGuideOptions>, StudyGuideOptionsValidator>();
    builder.Services.AddSingleton<ThreadPaging>();
    builder.Services.AddSingleton<ThreadLinks>();
    builder.Services.AddSingleton<SiteLinks>();
    // AES-256-GCM, half the cost of CBC plus HMAC for the cookies and tokens of every page (bench/RESULTS.md).
    builder.Services.AddDataProtection()
        .SetApplicationName("StudyGuide")
        .PersistKeysToDbContext<AppDbContext>()
        .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
    builder.Services.AddAccounts();
    builder.Services.AddStudyGuideRateLimits();
    builder.Services.AddSingleton<AccountActionLimits>();
    builder.Services.AddSingleton<IAssignableModules, CurriculumModules>();
    builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>();
    builder.Services.AddHsts(options =>
    {
        options.MaxAge = TimeSpan.FromDays(365);
        options.IncludeSubDomains = true;
    });
    builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
    // One for the app, not one per page, layout and partial: creating one reads assembly attributes
    // through reflection each time. It holds no state; the culture is read on every lookup.
    builder.Services.AddSingleton<IStringLocalizer<SharedResource>, StringLocalizer<SharedResource>>();
    // Pages are UTF-8: write "é" and "’" as themselves rather than as &#xE9; (markup characters are still encoded).
    builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
    builder.Services.Configure<RequestLocalizationOptions>(options =>
    {
        string[] cultures = ["en", "fr"];
        options.SetDefaultCulture("en").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
    });
    builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Accounts");
            options.Conventions.AllowAnonymousToPage("/Accounts/SignIn");
            options.Conventions.AllowAnonymousToPage("/Accounts/SignInTwoFactor");
            options.Conventions.AllowAnonymousToPage("/Accounts/Register");
            options.Conventions.AllowAnonymousToPage("/Accounts/ForgotPassword");
            options.Conventions.AllowAnonymousToPage("/Accounts/ResetPassword");
            options.Conventions.AllowAnonymousToPage("/Accounts/AccessDenied");
            options.Conventions.AuthorizeFolder("/Admin", AuthorizationPolicies.Admin);
            options.Conventions.AuthorizeFolder("/Groups");
            options.Conventions.AuthorizeFolder("/Me");
            options.Conventions.AuthorizeFolder("/Moderation", AuthorizationPolicies.SiteModeration);
        })
        .AddMvcOptions(options => options.Filters.Add<MustChangePasswordFilter>())
        .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
        .AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
    builder.Services.AddAuthorizationBuilder()
        .AddPolicy(AuthorizationPolicies.Admin, policy => policy.RequireRole(Roles.Admin))
        .AddPolicy(AuthorizationPolicies.SiteModeration, policy => policy.RequireRole(Roles.Admin, Roles.Moderator));
    builder.Services.AddSingleton<ServedCurriculum>();
    builder.Services.AddHostedService<CurriculumStartup>(); // fills the search table; reloads edited files in Development
    builder.AddBenchIfSwitchedOn(settings, connectionString); // bench/run only

    var app = builder.Build();

    if (command is not null) return await command.RunAsync(app.Services);

    // Broken content never reaches students: refuse to start, saying where each problem is.
    var curriculum = app.Services.GetRequiredService<ServedCurriculum>();
    if (curriculum.Reload() is { Count: > 0 } contentProblems)
    {
        foreach (var problem in contentProblems) await Console.Error.WriteLineAsync(problem.ToString());
        await Console.Error.WriteLineAsync($"StudyGuide did not start: {contentProblems.Count} problem(s) in the curriculum files ({curriculum.Directory}).");
        return 1;
    }

    string? setupToken;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await Database.MigrateAsync(db);
        setupToken = await FirstAdminSetup.IssueTokenIfNoAdminAsync(db, app.Services.GetRequiredService<TimeProvider>());
    }

    // Middleware
    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/error");
        app.UseHsts();
    }
    app.UseSecurityHeaders();
    app.UseStatusCodePagesWithReExecute("/error/{0}");
    app.UseRequestLocalization();
    app.UseRouting();
    app.UseAuthentication();
    app.Use(AccountsSetup.ThrowAccountCheckFailure);
    app.UseAuthorization();
    app.UseRateLimiter();

    // Endpoints
    app.MapStaticAssets();
    app.MapRazorPages().WithStaticAssets();
    app.MapHealthChecks("/health");
    app.MapCalendars();
    app.MapBenchIfSwitchedOn();

    if (setupToken is not null) app.Lifetime.ApplicationStarted.Register(() => PrintSetupLink(app, setupToken));
    await app.RunAsync();
    return 0;
}
finally
{
    localPostgres?.Stop();
}

// The first administrator is created through a one-time link printed here, never through a default password.
static void PrintSetupLink(WebApplication app, string token)
{
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? "http://localhost:5000";
    // Kestrel reports wildcard bindings (http://[::]:8080, http://+:8080); a browser needs a host name.
    address = System.Text.RegularExpressions.Regex.Replace(address, @"//(\[::\]|\+|\*|0\.0\.0\.0)", "//localhost");
    Console.WriteLine($"StudyGuide has no administrator yet. Open this one-time link to create one (valid {FirstAdminSetup.TokenLifetime.TotalHours:0} hours):");
    Console.WriteLine($"  {address.TrimEnd('/')}/setup?token={token}");
}

// The content root is the working directory by default, and the stylesheets and scripts are served from its wwwroot:
// a published app started from anywhere else found none and answered each with 200 and an empty body, an unstyled
// site and no error. When the working directory has no wwwroot and the app's own folder has (a published app),
// the app's folder is the content root. Otherwise (`dotnet run`, the tests' host, Docker's /app) nothing changes.
static string? PublishedContentRoot()
{
    static bool HasWebRoot(string directory) => Directory.Exists(Path.Combine(directory, "wwwroot"));
    return !HasWebRoot(Directory.GetCurrentDirectory()) && HasWebRoot(AppContext.BaseDirectory) ? AppContext.BaseDirectory : null;
}

public partial class Program;
