using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Moderation;

/// <summary>What a log page asks for: one group's entries or every group's, optionally one actor's or one action's.</summary>
/// <param name="Actor">A user id, or a display name as the log copied it (any case).</param>
public sealed record ModerationLogFilter(int? GroupId = null, string? Actor = null, ModerationAction? Action = null);

/// <summary>An entry with the names it points to as they are now (the log keeps ids, and names at the time).</summary>
public sealed record ModerationLogRow(ModerationLogEntry Entry, string? ThreadTitle, string? GroupName, string? GroupTimeZone);

/// <param name="OlderBefore">The <c>before</c> key of the next (older) page, or null when this is the last one.</param>
public sealed record ModerationLogPage(IReadOnlyList<ModerationLogRow> Rows, long? OlderBefore);

/// <summary>The moderation log, newest first, by keyset on id (<c>?before=</c>): no OFFSET, so a page costs the same at any depth.</summary>
public static class ModerationLogReader
{
    public const int PageSize = 50;

    public static async Task<ModerationLogPage> LoadAsync(AppDbContext db, ModerationLogFilter filter, long? before, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        var entries = db.ModerationLog.AsNoTracking();
        if (filter.GroupId is { } groupId) entries = entries.Where(e => e.GroupId == groupId);
        if (filter.Action is { } action) entries = entries.Where(e => e.Action == action);
        if (filter.Actor?.Trim() is { Length: > 0 } actor)
        {
            var lowered = actor.ToLowerInvariant();
            entries = entries.Where(e => e.ActorId == actor || e.ActorName.ToLower() == lowered);
        }
        if (before is { } key) entries = entries.Where(e => e.Id < key);

        var rows = await entries
            .OrderByDescending(e => e.Id)
            .Take(pageSize + 1)
            .Select(e => new ModerationLogRow(
                e,
                db.Threads.Where(t => t.Id == e.ThreadId).Select(t => t.Title).FirstOrDefault(),
                db.Groups.Where(g => g.Id == e.GroupId).Select(g => g.Name).FirstOrDefault(),
                db.Groups.Where(g => g.Id == e.GroupId).Select(g => g.TimeZone).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var hasOlder = rows.Count > pageSize;
        if (hasOlder) rows.RemoveAt(pageSize);
        return new ModerationLogPage(rows, hasOlder ? rows[^1].Entry.Id : null);
    }

    public static string Label(ModerationAction action, IStringLocalizer l) => action switch
    {
        ModerationAction.Approve => l["Approved"],
        ModerationAction.Remove => l["Removed"],
        ModerationAction.Restore => l["Restored"],
        ModerationAction.Dismiss => l["Reports dismissed"],
        ModerationAction.HideByReports => l["Hidden by reports"],
        ModerationAction.Lock => l["Thread locked"],
        ModerationAction.Unlock => l["Thread unlocked"],
        ModerationAction.SlowMode => l["Slow mode"],
        ModerationAction.Mute => l["Muted"],
        ModerationAction.Unmute => l["Unmuted"],
        ModerationAction.Suspend => l["Account suspended"],
        ModerationAction.Unsuspend => l["Suspension lifted"],
        ModerationAction.GrantRole => l["Role granted"],
        ModerationAction.RevokeRole => l["Role taken away"],
        ModerationAction.AddWatchedWord => l["Watched word added"],
        ModerationAction.RemoveWatchedWord => l["Watched word removed"],
        ModerationAction.ChangeGroupSettings => l["Group settings changed"],
        _ => action.ToString(),
    };

    /// <summary>
    /// The reason as the reader's language says it: the actions store a <see cref="ModerationReason"/>'s name, with
    /// ": note" after it when there is one; any other text (a lock's reason, a mute's) is shown as written.
    /// </summary>
    public static string? DescribeReason(string? stored, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(stored)) return null;
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? stored : stored[..colon];
        if (!Enum.TryParse<ModerationReason>(name, ignoreCase: false, out var reason) || !Enum.IsDefined(reason) || name.Any(char.IsDigit)) return stored;
        var label = ModerationReasons.Label(reason, l);
        return colon < 0 ? label : $"{label}: {stored[(colon + 1)..].Trim()}";
    }
}
