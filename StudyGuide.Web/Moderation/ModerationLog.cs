using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Moderation;

public enum ModerationAction
{
    Approve,
    Remove,
    Restore,
    Dismiss,
    /// <summary>Hidden by the system when enough members reported it.</summary>
    HideByReports,
    Lock,
    Unlock,
    SlowMode,
    Mute,
    Unmute,
    Suspend,
    Unsuspend,
    GrantRole,
    RevokeRole,
    AddWatchedWord,
    RemoveWatchedWord,
    ChangeGroupSettings,
}

/// <summary>
/// One moderation action: who, what, on what, why, when. Append-only in the database itself (a trigger refuses
/// UPDATE, DELETE and TRUNCATE), so it has no foreign keys: deleting a user or a group must not need to touch
/// it. Names are copied in at the time of the action for the same reason.
/// </summary>
public class ModerationLogEntry
{
    public const int TextMaxLength = 300;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Null for the system (a post hidden by members' reports).</summary>
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public ModerationAction Action { get; set; }
    public int? GroupId { get; set; }
    public int? ThreadId { get; set; }
    public int? PostNumber { get; set; }
    public string? TargetUserId { get; set; }
    public string? TargetName { get; set; }
    public string? Reason { get; set; }

    /// <summary>What changed, when the action has a value: "30 minutes", "until 2026-12-20", "Moderator", the word.</summary>
    public string? Detail { get; set; }
}

sealed class ModerationLogEntryConfiguration : IEntityTypeConfiguration<ModerationLogEntry>
{
    public void Configure(EntityTypeBuilder<ModerationLogEntry> entry)
    {
        entry.ToTable("moderation_log");
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        entry.Property(e => e.ActorName).HasMaxLength(100);
        entry.Property(e => e.TargetName).HasMaxLength(200);
        entry.Property(e => e.Reason).HasMaxLength(ModerationLogEntry.TextMaxLength);
        entry.Property(e => e.Detail).HasMaxLength(ModerationLogEntry.TextMaxLength);
        // Newest first, by id (keyset), whole log or one group's; and one author's history in a group.
        entry.HasIndex(e => new { e.GroupId, e.Id });
        entry.HasIndex(e => new { e.GroupId, e.TargetUserId, e.Id });
        entry.HasIndex(e => new { e.ActorId, e.Id });
    }
}

/// <summary>Who acts: an account (id and display name at the time), or the system.</summary>
public sealed record ModerationActor(string? UserId, string Name)
{
    public static ModerationActor System { get; } = new(null, "StudyGuide");
}

public static class ModerationLog
{
    /// <summary>
    /// Adds the entry to the context: it is written by the same SaveChanges as the change it records, in one
    /// transaction, so there is never a change without its entry or an entry without its change.
    /// </summary>
    public static ModerationLogEntry Add(
        AppDbContext db, ModerationActor actor, ModerationAction action, DateTimeOffset at,
        int? groupId = null, int? threadId = null, int? postNumber = null,
        string? targetUserId = null, string? targetName = null, string? reason = null, string? detail = null)
    {
        var entry = new ModerationLogEntry
        {
            At = at,
            ActorId = actor.UserId,
            ActorName = Cut(actor.Name, 100)!,
            Action = action,
            GroupId = groupId,
            ThreadId = threadId,
            PostNumber = postNumber,
            TargetUserId = targetUserId,
            TargetName = Cut(targetName, 200),
            Reason = Cut(reason, ModerationLogEntry.TextMaxLength),
            Detail = Cut(detail, ModerationLogEntry.TextMaxLength),
        };
        db.ModerationLog.Add(entry);
        return entry;
    }

    static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
