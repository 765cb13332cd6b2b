using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace StudyGuide.Web.Security;

public enum AccountAction
{
    Post,
    Report,
    StartThread,
}

/// <summary>
/// Per-account limits on posting, reporting and starting discussions: the framework's token buckets, one partition per
/// account and action. Taken in the page handler rather than by the rate-limiting middleware, so a refusal is a form
/// error that keeps the person's text, not a 429 page that loses it. Each account has its own bucket, so a class of 30
/// posting in the same minute never meets another's limit.
/// </summary>
public sealed class AccountActionLimits : IDisposable
{
    readonly PartitionedRateLimiter<(AccountAction Action, string UserId)> limiter;

    public AccountActionLimits(IOptions<StudyGuideOptions> settings)
    {
        var limits = settings.Value.RateLimits;
        limiter = PartitionedRateLimiter.Create<(AccountAction Action, string UserId), (AccountAction, string)>(key =>
        {
            var (permits, period) = key.Action switch
            {
                AccountAction.Post => (limits.PostsPerMinute, TimeSpan.FromMinutes(1)),
                AccountAction.Report => (limits.ReportsPerMinute, TimeSpan.FromMinutes(1)),
                _ => (limits.ThreadsPerHour, TimeSpan.FromHours(1)),
            };
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits,
                TokensPerPeriod = permits,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    /// <summary>True when the account may act now (and the action is counted).</summary>
    public bool TryTake(AccountAction action, string userId)
    {
        using var lease = limiter.AttemptAcquire((action, userId));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
