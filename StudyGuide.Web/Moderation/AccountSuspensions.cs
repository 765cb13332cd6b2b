using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Moderation;

/// <summary>
/// Suspending an account and lifting a suspension: the fields, a new security stamp and the log entry in one
/// transaction, so the person is out on their next request (docs/SECURITY.md) and the log never misses it.
/// </summary>
public static class AccountSuspensions
{
    public enum Refusal
    {
        OwnAccount,
        AdminByModerator,
    }

    /// <summary>Why <paramref name="actorId"/> may not suspend (or lift the suspension of) this account, or null.</summary>
    public static Refusal? WhyNot(string actorId, bool actorIsAdmin, string targetId, bool targetIsAdmin) =>
        actorId == targetId ? Refusal.OwnAccount
        : targetIsAdmin && !actorIsAdmin ? Refusal.AdminByModerator
        : null;

    /// <param name="until">Null: until someone lifts it.</param>
    public static Task<IdentityResult> SuspendAsync(
        AppDbContext db, UserManager<User> users, ModerationActor actor, User user, DateTimeOffset? until, string reason, DateTimeOffset now) =>
        ChangeAsync(db, users, user, () =>
        {
            user.SuspendedAt = now;
            user.SuspendedUntil = until;
            user.SuspensionReason = reason.Trim();
            ModerationLog.Add(db, actor, ModerationAction.Suspend, now, targetUserId: user.Id, targetName: user.DisplayName, reason: user.SuspensionReason,
                detail: until is { } end ? "until " + end.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "indefinitely");
        });

    public static Task<IdentityResult> LiftAsync(AppDbContext db, UserManager<User> users, ModerationActor actor, User user, DateTimeOffset now) =>
        ChangeAsync(db, users, user, () =>
        {
            user.SuspendedAt = null;
            user.SuspendedUntil = null;
            user.SuspensionReason = null;
            ModerationLog.Add(db, actor, ModerationAction.Unsuspend, now, targetUserId: user.Id, targetName: user.DisplayName);
        });

    // The stamp update saves the user's row and the tracked log entry (Identity's store calls SaveChanges on this context).
    static async Task<IdentityResult> ChangeAsync(AppDbContext db, UserManager<User> users, User user, Action change)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A retried attempt starts again: the log entry of the failed one is not written twice.
            foreach (var pending in db.ChangeTracker.Entries<ModerationLogEntry>().Where(e => e.State == EntityState.Added).ToList())
                pending.State = EntityState.Detached;
            await using var transaction = await db.Database.BeginTransactionAsync();
            change();
            var stamped = await users.UpdateSecurityStampAsync(user);
            if (!stamped.Succeeded) return stamped;
            await transaction.CommitAsync();
            return stamped;
        });
    }
}
