using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web;

namespace StudyGuide.Tests;

/// <summary>Every StudyGuide:* setting is checked at start, named in its error, and documented in the README.</summary>
public class StudyGuideOptionsTests(TestDatabases databases)
{
    static StudyGuideOptions Load(params (string Key, string? Value)[] settings) => StudyGuideOptions.Load(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Theory]
    [InlineData("StudyGuide:RateLimits:JoinCodeTriesPerMinute", "0", "StudyGuide:RateLimits:JoinCodeTriesPerMinute must be between 1 and 10000.")]
    [InlineData("StudyGuide:RateLimits:AnonymousJoinCodeTriesPerMinute", "20000", "StudyGuide:RateLimits:AnonymousJoinCodeTriesPerMinute must be between 1 and 10000.")]
    [InlineData("StudyGuide:RateLimits:AccountFormPostsPerMinute", "-1", "StudyGuide:RateLimits:AccountFormPostsPerMinute must be between 1 and 10000.")]
    [InlineData("StudyGuide:Discussions:PostsPerPage", "5", "StudyGuide:Discussions:PostsPerPage must be between 10 and 200.")]
    [InlineData("StudyGuide:Smtp:Port", "70000", "StudyGuide:Smtp:Port must be between 1 and 65535.")]
    [InlineData("StudyGuide:Smtp:From", "not an address", "StudyGuide:Smtp:From must be an email address")]
    [InlineData("StudyGuide:DefaultTimeZone", "Europe/Atlantis", "StudyGuide:DefaultTimeZone must be an IANA time zone")]
    [InlineData("StudyGuide:PublicUrl", "studyguide.example.org", "StudyGuide:PublicUrl must be empty or an absolute http or https address")]
    [InlineData("StudyGuide:PublicUrl", "javascript:alert(1)", "StudyGuide:PublicUrl must be empty or an absolute http or https address")]
    [InlineData("StudyGuide:PublicUrl", "ftp://studyguide.example.org", "StudyGuide:PublicUrl must be empty or an absolute http or https address")]
    public void A_wrong_setting_is_refused_with_a_message_naming_it(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load((key, value)));

        Assert.StartsWith(message, Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StudyGuide:RateLimits:JoinCodeTriesPerMinute", "ten")]
    [InlineData("StudyGuide:KeepAccountChecks", "sometimes")]
    [InlineData("StudyGuide:Smtp:Security", "Quantum")]
    public void A_value_of_the_wrong_type_is_refused_naming_the_setting(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Load((key, value)));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_wrong_setting_is_named_not_just_the_first()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load(
            ("StudyGuide:RateLimits:JoinCodeTriesPerMinute", "0"), ("StudyGuide:Smtp:Port", "0"), ("StudyGuide:DefaultTimeZone", "Mars/Olympus")));

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains("StudyGuide:RateLimits:JoinCodeTriesPerMinute", error.Message, StringComparison.Ordinal);
        Assert.Contains("StudyGuide:Smtp:Port", error.Message, StringComparison.Ordinal);
        Assert.Contains("StudyGuide:DefaultTimeZone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_settings_means_the_documented_defaults_and_empty_values_mean_the_defaults_too()
    {
        var defaults = Load();
        var empty = Load(("StudyGuide:DataDirectory", ""), ("StudyGuide:ContentDirectory", " "), ("StudyGuide:DefaultTimeZone", ""), ("StudyGuide:PublicUrl", ""));

        foreach (var settings in new[] { defaults, empty })
        {
            Assert.Equal(".studyguide", settings.DataDirectory);
            Assert.Equal("../content", settings.ContentDirectory);
            Assert.Equal("Europe/Paris", settings.DefaultTimeZone);
            Assert.True(settings.KeepAccountChecks);
            Assert.False(settings.Bench);
            Assert.Equal(587, settings.Smtp.Port);
            Assert.Equal(120, settings.RateLimits.AccountFormPostsPerMinute);
            Assert.Equal(10, settings.RateLimits.JoinCodeTriesPerMinute);
            Assert.Equal(90, settings.RateLimits.AnonymousJoinCodeTriesPerMinute);
            Assert.Equal(50, settings.Discussions.PostsPerPage);
        }
        Assert.Equal("https://studyguide.school.example/", Load(("StudyGuide:PublicUrl", "https://studyguide.school.example/")).PublicUrl);
    }

    [Fact]
    public void The_app_does_not_start_with_a_wrong_setting_and_says_which()
    {
        using var app = new StudyGuideFactory(databases).WithSetting("StudyGuide:RateLimits:JoinCodeTriesPerMinute", "0");

        var error = StartupError(() => app.CreateClient());

        Assert.Contains("StudyGuide:RateLimits:JoinCodeTriesPerMinute must be between 1 and 10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_connection_string_a_wrong_setting_stops_the_app_before_the_managed_database_starts()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "studyguide-options-test-" + Guid.NewGuid().ToString("N"));
        using var app = new UnconfiguredDatabase(dataDirectory, ("StudyGuide:Smtp:Port", "0"));

        var error = StartupError(() => app.CreateClient());

        Assert.Contains("StudyGuide:Smtp:Port must be between 1 and 65535", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dataDirectory), "The managed cluster was created before the settings were checked.");
    }

    // The entry point's exception may reach the factory wrapped (the host is built on another thread).
    static OptionsValidationException StartupError(Action start)
    {
        var thrown = Record.Exception(start);
        for (var e = thrown; e is not null; e = e.InnerException)
            if (e is OptionsValidationException options) return options;
        Assert.Fail("The app started, or failed for another reason: " + thrown);
        return null!;
    }

    /// <summary>The app as an operator starts it with no connection string: the managed-database path.</summary>
    sealed class UnconfiguredDatabase(string dataDirectory, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:StudyGuide", "");
            builder.UseSetting("StudyGuide:DataDirectory", dataDirectory);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Fact]
    public void The_readme_configuration_table_lists_every_setting_and_only_those()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var documented = readme.Split('\n')
            .Where(line => line.StartsWith("| `StudyGuide:", StringComparison.Ordinal))
            .SelectMany(line => line.Split('|')[1].Split(',', StringSplitOptions.TrimEntries))
            .Select(name => name.Trim('`'))
            .ToHashSet(StringComparer.Ordinal);

        var settings = SettingNames(typeof(StudyGuideOptions), StudyGuideOptions.Section).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(settings.Except(documented).Order());  // a setting the README does not mention
        Assert.Empty(documented.Except(settings).Order());  // a README line for a setting that does not exist
    }

    /// <summary>Each bindable property, as the configuration key that sets it; sections are followed down.</summary>
    static IEnumerable<string> SettingNames(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var name = prefix + ":" + property.Name;
            var isSection = property.PropertyType.IsClass && property.PropertyType != typeof(string);
            if (!isSection) yield return name;
            else foreach (var nested in SettingNames(property.PropertyType, name)) yield return nested;
        }
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StudyGuide.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("No StudyGuide.slnx above " + AppContext.BaseDirectory);
    }
}
