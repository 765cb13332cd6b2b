using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Moderation;

/// <summary>What happens to a new post or edit: published, held for approval, or refused with a message (the form keeps the text).</summary>
public sealed record PostingDecision(string? Refusal, HoldReason? Hold, string? MatchedWord)
{
    public static PostingDecision Publish { get; } = new(null, null, null);
    public static PostingDecision Refuse(string message) => new(message, null, null);
    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// The moderation rules a post or an edit meets before it is written, in one place, in this order: a mute, a locked
/// thread, slow mode, watched words ("refuse" before "hold"), pre-moderation. Those who moderate the group are held by
/// nothing (their posts never wait), but a "refuse" word refuses their text too.
/// </summary>
public static class PostingRules
{
    /// <param name="thread">Null for the first post of a new thread.</param>
    /// <param name="isEdit">Edits meet the same words and pre-moderation, not slow mode.</param>
    public static async Task<PostingDecision> DecideAsync(
        AppDbContext db, GroupAccess group, DiscussionThread? thread, string text, bool isEdit, DateTimeOffset now,
        IStringLocalizer l, CancellationToken cancellationToken = default)
    {
        var userId = group.UserId;
        if (!group.MayModerate)
        {
            var mute = await db.GroupMutes.AsNoTracking()
                .Where(m => m.GroupId == group.Group.Id && m.UserId == userId && m.Until > now)
                .Select(m => new { m.Until, m.Reason })
                .FirstOrDefaultAsync(cancellationToken);
            if (mute is not null) return PostingDecision.Refuse(MutedMessage(mute.Until, mute.Reason, group.Group, l));

            if (thread?.LockedAt is not null) return PostingDecision.Refuse(LockedMessage(thread.LockReason, l));

            if (!isEdit && thread?.SlowModeMinutes is { } minutes)
            {
                var last = await db.Posts.AsNoTracking()
                    .Where(p => p.ThreadId == thread.Id && p.AuthorId == userId)
                    .MaxAsync(p => (DateTimeOffset?)p.CreatedAt, cancellationToken);
                if (last is { } at && at.AddMinutes(minutes) > now)
                    return PostingDecision.Refuse(SlowModeMessage(at.AddMinutes(minutes), group.Group, l));
            }
        }

        var match = WatchedWords.FirstMatch(text, await WatchedWords.ForGroupAsync(db, group.Group.Id, cancellationToken));
        if (match is { Action: WatchedWordAction.Refuse })
            return PostingDecision.Refuse(l["Your text contains “{0}”, which is not allowed here. Change it and post again; your text is kept below.", match.Phrase]);
        if (group.MayModerate) return PostingDecision.Publish;
        if (match is { Action: WatchedWordAction.Hold }) return new PostingDecision(null, HoldReason.WatchedWord, match.Phrase);
        return group.Group.PreModeration ? new PostingDecision(null, HoldReason.PreModeration, null) : PostingDecision.Publish;
    }

    public static string MutedMessage(DateTimeOffset until, string reason, Group group, IStringLocalizer l) =>
        l["You are muted in this group until {0}: {1}. You can read the discussions but not post or report.", GroupTime.Format(until, group.TimeZoneInfo), reason];

    public static string LockedMessage(string? reason, IStringLocalizer l) =>
        l["This discussion is locked: {0}", string.IsNullOrWhiteSpace(reason) ? l["no reason given"].Value : reason];

    public static string SlowModeMessage(DateTimeOffset next, Group group, IStringLocalizer l) =>
        l["Slow mode is on in this discussion: you may post again at {0}. Your text is kept below.", GroupTime.Format(next, group.TimeZoneInfo)];
}
