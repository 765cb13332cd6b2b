using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Moderation;

public enum ReportOutcome
{
    Received,
    AlreadyReported,
    OwnPost,
}

/// <summary>
/// Every moderation action, each one change and its log entry written by one SaveChanges, in one transaction:
/// if either fails, neither happens. Pages check who may act (<see cref="GroupAccess.MayModerate"/>) before calling.
/// </summary>
public static class ModerationActions
{
    public static ModerationActor Actor(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), UserClaims.DisplayNameOf(user));

    // ---- Reports -------------------------------------------------------------------------------------------

    /// <summary>
    /// Records a member's report. When the post reaches the group's threshold of distinct members' open reports it is
    /// hidden at once, pending review; the post's row is locked first, so two reports arriving together count right.
    /// </summary>
    public static async Task<ReportOutcome> ReportAsync(
        AppDbContext db, int groupId, int reportThreshold, long postId, string reporterId, ModerationReason reason, string? note,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var post = await db.Posts.FromSql($"SELECT * FROM posts WHERE id = {postId} FOR UPDATE").SingleAsync(cancellationToken);
            if (post.AuthorId == reporterId) return ReportOutcome.OwnPost;
            if (await db.PostReports.AnyAsync(r => r.PostId == postId && r.ReporterId == reporterId, cancellationToken)) return ReportOutcome.AlreadyReported;

            db.PostReports.Add(new PostReport
            {
                PostId = postId,
                ReporterId = reporterId,
                Reason = reason,
                Note = reason == ModerationReason.Other ? note?.Trim() : null,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);

            var open = await db.PostReports.CountAsync(r => r.PostId == postId && r.ResolvedAt == null, cancellationToken);
            if (open >= reportThreshold && post.HiddenAt is null && post.RemovedAt is null)
            {
                post.HiddenAt = now;
                ModerationLog.Add(db, ModerationActor.System, ModerationAction.HideByReports, now, groupId, post.ThreadId, post.Number,
                    post.AuthorId, await NameOfAsync(db, post.AuthorId, cancellationToken), detail: open.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return ReportOutcome.Received;
        });
    }

    // ---- Posts ---------------------------------------------------------------------------------------------

    /// <summary>Removes a post with a reason: the number stays with a placeholder; the open reports are dealt with.</summary>
    public static Task RemoveAsync(AppDbContext db, GroupAccess group, ModerationActor actor, Post post, ModerationReason reason, string? note, DateTimeOffset now) =>
        ChangePostAsync(db, group, actor, post, ModerationAction.Remove, now, reason, note, () =>
        {
            post.RemovedAt = now;
            post.RemovalReason = reason;
            post.RemovalNote = reason == ModerationReason.Other ? note?.Trim() : null;
            // "Removed by a moderator" when site staff acted in a group they do not lead.
            post.RemovedBySiteStaff = group.Role != MembershipRole.Facilitator;
            post.HiddenAt = null;
        });

    /// <summary>Puts a removed or hidden post back as it was.</summary>
    public static Task RestoreAsync(AppDbContext db, GroupAccess group, ModerationActor actor, Post post, string? note, DateTimeOffset now) =>
        ChangePostAsync(db, group, actor, post, ModerationAction.Restore, now, null, note, () =>
        {
            post.RemovedAt = null;
            post.RemovalReason = null;
            post.RemovalNote = null;
            post.RemovedBySiteStaff = false;
            post.HiddenAt = null;
        });

    /// <summary>A reported or hidden post is fine: it stays (or goes back) in place and leaves the queue.</summary>
    public static Task ApproveAsync(AppDbContext db, GroupAccess group, ModerationActor actor, Post post, DateTimeOffset now) =>
        ChangePostAsync(db, group, actor, post, ModerationAction.Approve, now, null, null, () => post.HiddenAt = null);

    /// <summary>The reports are dismissed: the post leaves the queue and, if the reports had hidden it, comes back.</summary>
    public static Task DismissAsync(AppDbContext db, GroupAccess group, ModerationActor actor, Post post, DateTimeOffset now) =>
        ChangePostAsync(db, group, actor, post, ModerationAction.Dismiss, now, null, null, () => post.HiddenAt = null);

    static async Task ChangePostAsync(
        AppDbContext db, GroupAccess group, ModerationActor actor, Post post, ModerationAction action, DateTimeOffset now,
        ModerationReason? reason, string? note, Action change)
    {
        change();
        await db.PostReports.Where(r => r.PostId == post.Id && r.ResolvedAt == null).LoadAsync();
        foreach (var report in db.PostReports.Local.Where(r => r.PostId == post.Id && r.ResolvedAt == null)) report.ResolvedAt = now;
        ModerationLog.Add(db, actor, action, now, group.Group.Id, post.ThreadId, post.Number,
            post.AuthorId, await NameOfAsync(db, post.AuthorId), Describe(reason, note));
        await db.SaveChangesAsync();
    }

    // ---- Held posts ----------------------------------------------------------------------------------------

    /// <summary>Keeps a new post or an edit back for approval; a resubmitted form (same key) finds the row it made.</summary>
    public static async Task<HeldPost> HoldAsync(
        AppDbContext db, int threadId, string authorId, string markdown, string html, Guid idempotencyKey, int? replyToNumber,
        string? visibleToUserId, long? editOfPostId, HoldReason reason, string? matchedWord, DateTimeOffset now)
    {
        if (idempotencyKey == Guid.Empty) idempotencyKey = Guid.NewGuid();
        if (await db.HeldPosts.AsNoTracking().FirstOrDefaultAsync(h => h.AuthorId == authorId && h.IdempotencyKey == idempotencyKey) is { } made) return made;
        var held = new HeldPost
        {
            ThreadId = threadId,
            AuthorId = authorId,
            EditOfPostId = editOfPostId,
            BodyMarkdown = markdown,
            BodyHtml = html,
            ReplyToNumber = replyToNumber,
            VisibleToUserId = visibleToUserId,
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
            Reason = reason,
            MatchedWord = matchedWord,
        };
        db.HeldPosts.Add(held);
        await db.SaveChangesAsync();
        return held;
    }

    /// <summary>
    /// A held post becomes a post with the thread's next number (a held edit replaces the text), the held row goes, and
    /// the approval is logged: one transaction. Returns the post's number.
    /// </summary>
    public static async Task<int> ApproveHeldAsync(AppDbContext db, GroupAccess group, ModerationActor actor, HeldPost held, DateTimeOffset now)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            int number;
            if (held.EditOfPostId is { } postId)
            {
                var post = await db.Posts.SingleAsync(p => p.Id == postId);
                await Posting.ApplyEditAsync(db, post, held.BodyMarkdown, held.BodyHtml, now);
                number = post.Number;
            }
            else
            {
                var post = await Posting.AddNumberedAsync(db, held.ThreadId, held.AuthorId, held.BodyMarkdown, held.BodyHtml,
                    held.IdempotencyKey, held.ReplyToNumber, held.VisibleToUserId, now);
                number = post.Number;
            }
            db.HeldPosts.Remove(held);
            ModerationLog.Add(db, actor, ModerationAction.Approve, now, group.Group.Id, held.ThreadId, number,
                held.AuthorId, await NameOfAsync(db, held.AuthorId), detail: held.EditOfPostId is null ? "held post" : "held edit");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return number;
        });
    }

    /// <summary>A held post is not published: it stays, marked, for its author to read with the reason.</summary>
    public static async Task RefuseHeldAsync(AppDbContext db, GroupAccess group, ModerationActor actor, HeldPost held, ModerationReason reason, string? note, DateTimeOffset now)
    {
        held.RefusedAt = now;
        held.RefusalReason = reason;
        held.RefusalNote = reason == ModerationReason.Other ? note?.Trim() : null;
        ModerationLog.Add(db, actor, ModerationAction.Remove, now, group.Group.Id, held.ThreadId, null,
            held.AuthorId, await NameOfAsync(db, held.AuthorId), Describe(reason, note), held.EditOfPostId is null ? "held post" : "held edit");
        await db.SaveChangesAsync();
    }

    // ---- Threads -------------------------------------------------------------------------------------------

    public static Task LockAsync(AppDbContext db, GroupAccess group, ModerationActor actor, DiscussionThread thread, string reason, DateTimeOffset now)
    {
        thread.LockedAt = now;
        thread.LockReason = reason.Trim();
        ModerationLog.Add(db, actor, ModerationAction.Lock, now, group.Group.Id, thread.Id, reason: thread.LockReason, targetName: thread.Title);
        return db.SaveChangesAsync();
    }

    public static Task UnlockAsync(AppDbContext db, GroupAccess group, ModerationActor actor, DiscussionThread thread, DateTimeOffset now)
    {
        thread.LockedAt = null;
        thread.LockReason = null;
        ModerationLog.Add(db, actor, ModerationAction.Unlock, now, group.Group.Id, thread.Id, targetName: thread.Title);
        return db.SaveChangesAsync();
    }

    /// <param name="minutes">Null turns slow mode off.</param>
    public static Task SetSlowModeAsync(AppDbContext db, GroupAccess group, ModerationActor actor, DiscussionThread thread, int? minutes, DateTimeOffset now)
    {
        thread.SlowModeMinutes = minutes;
        ModerationLog.Add(db, actor, ModerationAction.SlowMode, now, group.Group.Id, thread.Id, targetName: thread.Title,
            detail: minutes is { } m ? $"{m} min" : "off");
        return db.SaveChangesAsync();
    }

    // ---- Members -------------------------------------------------------------------------------------------

    /// <summary>Mutes a member of the group until a date (a new mute replaces the current one).</summary>
    public static async Task MuteAsync(AppDbContext db, GroupAccess group, ModerationActor actor, string userId, DateTimeOffset until, string reason, DateTimeOffset now)
    {
        var mute = await db.GroupMutes.FindAsync(group.Group.Id, userId);
        if (mute is null)
        {
            mute = new GroupMute { GroupId = group.Group.Id, UserId = userId };
            db.GroupMutes.Add(mute);
        }
        mute.Until = until;
        mute.Reason = reason.Trim();
        mute.CreatedAt = now;
        mute.CreatedByUserId = actor.UserId!;
        ModerationLog.Add(db, actor, ModerationAction.Mute, now, group.Group.Id, targetUserId: userId, targetName: await NameOfAsync(db, userId),
            reason: mute.Reason, detail: "until " + until.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync();
    }

    public static async Task UnmuteAsync(AppDbContext db, GroupAccess group, ModerationActor actor, string userId, DateTimeOffset now)
    {
        if (await db.GroupMutes.FindAsync(group.Group.Id, userId) is { } mute) db.GroupMutes.Remove(mute);
        ModerationLog.Add(db, actor, ModerationAction.Unmute, now, group.Group.Id, targetUserId: userId, targetName: await NameOfAsync(db, userId));
        await db.SaveChangesAsync();
    }

    // ---- Helpers -------------------------------------------------------------------------------------------

    public static async Task<string> NameOfAsync(AppDbContext db, string userId, CancellationToken cancellationToken = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";

    static string? Describe(ModerationReason? reason, string? note) =>
        reason is null ? (string.IsNullOrWhiteSpace(note) ? null : note.Trim())
        : string.IsNullOrWhiteSpace(note) ? reason.ToString() : $"{reason}: {note.Trim()}";
}
