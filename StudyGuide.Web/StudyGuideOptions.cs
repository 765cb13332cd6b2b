using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;
using MimeKit;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web;

/// <summary>
/// Every `StudyGuide:*` setting (the README's Configuration table lists each one, and a test keeps the two
/// in step). Bound and validated once at start: a wrong value stops the app with a message naming the
/// setting as an operator types it (<see cref="StudyGuideOptionsValidator"/>).
/// </summary>
public sealed class StudyGuideOptions
{
    public const string Section = "StudyGuide";

    /// <summary>The managed cluster's folder, relative to the working directory. Empty means the default.</summary>
    public string DataDirectory { get; set => field = string.IsNullOrWhiteSpace(value) ? ".studyguide" : value; } = ".studyguide";

    /// <summary>The curriculum folder, relative to the content root unless absolute (as in Docker). Empty means the default.</summary>
    public string ContentDirectory { get; set => field = string.IsNullOrWhiteSpace(value) ? "../content" : value; } = "../content";

    /// <summary>Offered first when a group is created. Empty means the default.</summary>
    [KnownTimeZone]
    public string DefaultTimeZone { get; set => field = string.IsNullOrWhiteSpace(value) ? "Europe/Paris" : value.Trim(); } = "Europe/Paris";

    /// <summary>Where links in emails point; empty: the request's own host.</summary>
    [HttpUrlOrEmpty]
    public string? PublicUrl { get; set; }

    /// <summary>False behind a transaction-mode pooler, which cannot keep a LISTEN (<see cref="AccountChecks"/>).</summary>
    public bool KeepAccountChecks { get; set; } = true;

    [ValidateObjectMembers]
    public EmailOptions Smtp { get; set; } = new();

    [ValidateObjectMembers]
    public RateLimitOptions RateLimits { get; set; } = new();

    [ValidateObjectMembers]
    public DiscussionOptions Discussions { get; set; } = new();

    /// <summary>bench/run only: reference endpoints and SQL counting (Bench/). Never on in a real deployment.</summary>
    public bool Bench { get; set; }

    /// <summary>
    /// For the few readers that run before the host is built (the managed database, the bench switch,
    /// `content check`): the same binding and the same validator as the options the services receive.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is wrong; the message names it.</exception>
    public static StudyGuideOptions Load(IConfiguration configuration)
    {
        var options = new StudyGuideOptions();
        configuration.GetSection(Section).Bind(options);
        var result = new StudyGuideOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(StudyGuideOptions), result.Failures);
        return options;
    }
}

public sealed class RateLimitOptions
{
    /// <summary>Sign-in, registration and password-reset posts per minute, per address (signed out) or account.</summary>
    [Range(1, 10_000, ErrorMessage = Messages.Range)]
    public int AccountFormPostsPerMinute { get; set; } = 120;

    /// <summary>Join-code tries per minute for a signed-in person.</summary>
    [Range(1, 10_000, ErrorMessage = Messages.Range)]
    public int JoinCodeTriesPerMinute { get; set; } = 10;

    /// <summary>Join-code tries per minute per address, signed out: a whole class creates its accounts together.</summary>
    [Range(1, 10_000, ErrorMessage = Messages.Range)]
    public int AnonymousJoinCodeTriesPerMinute { get; set; } = 90;

    /// <summary>Posts and edits per minute, per account: far above what a person types, far below a script.</summary>
    [Range(1, 10_000, ErrorMessage = Messages.Range)]
    public int PostsPerMinute { get; set; } = 10;

    /// <summary>Reports per minute, per account.</summary>
    [Range(1, 10_000, ErrorMessage = Messages.Range)]
    public int ReportsPerMinute { get; set; } = 10;

    /// <summary>New discussions per hour, per account.</summary>
    [Range(1, 10_000, ErrorMessage = Messages.Range)]
    public int ThreadsPerHour { get; set; } = 10;
}

public sealed class DiscussionOptions
{
    /// <summary>Posts on one page of a thread.</summary>
    [Range(10, 200, ErrorMessage = Messages.Range)]
    public int PostsPerPage { get; set; } = 50;
}

/// <summary>
/// Checks each property's validation attributes, following the sections marked [ValidateObjectMembers] down,
/// and names each problem by its configuration key ("StudyGuide:RateLimits:JoinCodeTriesPerMinute must be
/// between 1 and 10000."). Written out rather than source-generated: the generated validator names a
/// problem by the C# member path (StudyGuideOptions.RateLimits.JoinCodeTriesPerMinute) and ignores a
/// Range attribute's own message, while an operator needs the key to type.
/// </summary>
public sealed class StudyGuideOptionsValidator : IValidateOptions<StudyGuideOptions>
{
    public ValidateOptionsResult Validate(string? name, StudyGuideOptions options)
    {
        var failures = new List<string>();
        Check(options, StudyGuideOptions.Section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void Check(object section, string key, List<string> failures)
    {
        foreach (var property in section.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var propertyKey = key + ":" + property.Name;
            var value = property.GetValue(section);
            if (property.IsDefined(typeof(ValidateObjectMembersAttribute)))
            {
                if (value is not null) Check(value, propertyKey, failures);
                continue;
            }
            var attributes = property.GetCustomAttributes<ValidationAttribute>().ToArray();
            if (attributes.Length == 0) continue;
            var context = new ValidationContext(section) { MemberName = property.Name, DisplayName = propertyKey };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateValue(value!, context, results, attributes))
                failures.AddRange(results.Select(result => result.ErrorMessage ?? propertyKey + " is not valid."));
        }
    }
}

/// <summary>Messages whose {0} is the setting's key.</summary>
static class Messages
{
    public const string Range = "{0} must be between {1} and {2}.";
}

/// <summary>An IANA time zone id this machine knows (the zones the group form offers).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class KnownTimeZoneAttribute() : ValidationAttribute("{0} must be an IANA time zone known to this machine, such as Europe/Paris.")
{
    public override bool IsValid(object? value) => value is string id && GroupTime.IsKnownZone(id);
}

/// <summary>Empty, or an absolute http or https address.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlOrEmptyAttribute() : ValidationAttribute("{0} must be empty or an absolute http or https address, such as https://studyguide.example.org.")
{
    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text)
        || Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;
}

/// <summary>An address MimeKit can send from ("Name &lt;address&gt;" or a bare address).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MailboxAttribute() : ValidationAttribute("{0} must be an email address, such as StudyGuide <no-reply@school.example>.")
{
    public override bool IsValid(object? value) => value is string text && MailboxAddress.TryParse(text, out _);
}
