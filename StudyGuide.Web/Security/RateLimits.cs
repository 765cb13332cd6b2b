using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace StudyGuide.Web.Security;

public static class RateLimits
{
    /// <summary>Sign-in, registration and password reset forms.</summary>
    public const string AccountForms = "account-forms";

    /// <summary>The join pages, where a wrong code could be a guess.</summary>
    public const string JoinCodes = "join-codes";

    public static IServiceCollection AddStudyGuideRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<StudyGuideOptions>>((options, settings) =>
        {
            var limits = settings.Value.RateLimits;
            // A whole class signs in at once from one school address, so the anonymous bucket is per
            // address but generous; guessing one account's password is stopped by lockout instead.
            var postsPerMinute = limits.AccountFormPostsPerMinute;
            // Codes have 31^8 values, so this only slows a determined guesser. A signed-in person gets a
            // few tries a minute; signed out, the bucket is per address and big enough for a class that
            // opens the join link and creates its accounts together from one school address.
            var joinTriesPerMinute = limits.JoinCodeTriesPerMinute;
            var anonymousJoinTriesPerMinute = limits.AnonymousJoinCodeTriesPerMinute;

            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(l["Too many attempts. Please wait a minute and try again."], cancellationToken);
            };

            options.AddPolicy(AccountForms, context =>
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                    return RateLimitPartition.GetNoLimiter("read");
                var key = context.User.Identity?.IsAuthenticated == true
                    ? "user:" + context.User.Identity.Name
                    : "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = postsPerMinute,
                    TokensPerPeriod = postsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });

            options.AddPolicy(JoinCodes, context =>
            {
                var signedIn = context.User.Identity?.IsAuthenticated == true;
                var key = signedIn ? "user:" + context.User.Identity!.Name : "address:" + context.Connection.RemoteIpAddress;
                var limit = signedIn ? joinTriesPerMinute : anonymousJoinTriesPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }
}
