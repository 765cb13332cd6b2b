using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Moderation;

/// <summary>One of a queue item's forms: which item, and for removing or refusing, why.</summary>
public sealed class ReviewInput
{
    public long ItemId { get; set; }

    public ModerationReason? Reason { get; set; }

    [NoControlCharacters(AllowLineBreaks = true)]
    [StringLength(ModerationReasons.NoteMaxLength, ErrorMessage = "Keep the note under 300 characters.")]
    public string? Note { get; set; }
}

/// <summary>What a queue page shows about one item: the item, who may see reporters' names, and the item's form error.</summary>
public sealed record ReviewItemView(ReviewItem Item, bool ShowReporters, string? Error);

/// <summary>The Remove and Refuse forms: a reason and its note, posted to <paramref name="Handler"/>.</summary>
public sealed record ReasonFormView(ReviewItem Item, string? ErrorId, string Legend, string Button, string Handler);

/// <summary>
/// The review queue's reading and its actions, shared by the group's queue (/groups/{id}/moderation) and the site's
/// (/moderation): each page says only which groups it covers and who may open it (<see cref="ScopeAsync"/>). Every
/// action finds the item's own group and acts with the reader's access to that group; an item outside the page's
/// scope, or in a group the reader may not moderate, does not exist (404).
/// </summary>
public abstract class ReviewQueuePageModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The group a page covers (null: every group), or the answer for a reader who may not open it.</summary>
    protected sealed record QueueScope(int? GroupId, bool ShowReporters, IActionResult? Refusal = null);

    protected abstract Task<QueueScope> ScopeAsync();

    protected AppDbContext Db => db;

    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public ReviewQueuePage Queue { get; private set; } = ReviewQueuePage.Empty;
    public bool ShowReporters { get; private set; }

    /// <summary>The item whose form was refused, and why (shown beside that form).</summary>
    public string? FailedItemKey { get; private set; }
    public string? FailedItemError { get; private set; }

    public ReviewItemView ViewOf(ReviewItem item) =>
        new(item, ShowReporters, item.Key == FailedItemKey ? FailedItemError : null);

    public async Task<IActionResult> OnGetAsync()
    {
        var scope = await ScopeAsync();
        if (scope.Refusal is not null) return scope.Refusal;
        await LoadAsync(scope);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync() =>
        ActOnPostAsync(ReviewItemKind.Post, needsReason: false, mustBeWaiting: true, (access, post, actor, now) =>
            ModerationActions.ApproveAsync(db, access, actor, post, now), l["Approved: the post stays in the thread."]);

    public Task<IActionResult> OnPostDismissAsync() =>
        ActOnPostAsync(ReviewItemKind.Post, needsReason: false, mustBeWaiting: true, (access, post, actor, now) =>
            ModerationActions.DismissAsync(db, access, actor, post, now), l["The reports were dismissed."]);

    public Task<IActionResult> OnPostRemoveAsync() =>
        ActOnPostAsync(ReviewItemKind.Post, needsReason: true, mustBeWaiting: false, (access, post, actor, now) =>
            ModerationActions.RemoveAsync(db, access, actor, post, Input.Reason!.Value, Input.Note, now), l["The post was removed. Its number stays, with the reason."]);

    public Task<IActionResult> OnPostRestoreAsync() =>
        ActOnPostAsync(ReviewItemKind.Post, needsReason: false, mustBeWaiting: false, (access, post, actor, now) =>
            ModerationActions.RestoreAsync(db, access, actor, post, null, now), l["The post was restored."]);

    public async Task<IActionResult> OnPostApproveHeldAsync()
    {
        var (refusal, access, held) = await FindHeldAsync(ReviewItemKind.HeldPost, needsReason: false);
        if (refusal is not null) return refusal;
        try
        {
            await ModerationActions.ApproveHeldAsync(db, access!, ModerationActions.Actor(User), held!, time.GetUtcNow());
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another moderator approved it a moment ago: the held row is gone and this approval changed nothing.
            return Done(l["Someone has already dealt with this item."]);
        }
        return Done(l["Approved: the post is in the thread."]);
    }

    public async Task<IActionResult> OnPostRefuseHeldAsync()
    {
        var (refusal, access, held) = await FindHeldAsync(ReviewItemKind.HeldPost, needsReason: true);
        if (refusal is not null) return refusal;
        try
        {
            await ModerationActions.RefuseHeldAsync(db, access!, ModerationActions.Actor(User), held!, Input.Reason!.Value, Input.Note, time.GetUtcNow());
        }
        catch (DbUpdateConcurrencyException)
        {
            return Done(l["Someone has already dealt with this item."]);
        }
        return Done(l["The held post was refused. Its author sees the reason."]);
    }

    async Task<IActionResult> ActOnPostAsync(
        ReviewItemKind kind, bool needsReason, bool mustBeWaiting,
        Func<GroupAccess, StudyGuide.Web.Discussions.Post, ModerationActor, DateTimeOffset, Task> act, string done)
    {
        var scope = await ScopeAsync();
        if (scope.Refusal is not null) return scope.Refusal;
        var access = await AccessToItemGroupAsync(scope, await ReviewQueue.GroupOfPostAsync(db, Input.ItemId));
        if (access is null) return NotFound();
        if (!IsInputValid(kind, needsReason)) return await RedisplayAsync(scope);

        var actor = ModerationActions.Actor(User);
        var now = time.GetUtcNow();
        // The post's row is locked while its state is checked and changed, so two moderators pressing at once
        // make one change and one log entry (docs/SECURITY.md, "Order comes from the database").
        var acted = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var post = await db.Posts.FromSql($"SELECT * FROM posts WHERE id = {Input.ItemId} FOR UPDATE").SingleAsync();
            var applies = mustBeWaiting ? await ReviewQueue.IsWaitingAsync(db, post.Id)
                : needsReason ? post.RemovedAt is null
                : post.RemovedAt is not null || post.HiddenAt is not null;
            if (!applies) return false;
            await act(access, post, actor, now);
            await transaction.CommitAsync();
            return true;
        });
        return Done(acted ? done : l["Someone has already dealt with this item."]);
    }

    async Task<(IActionResult? Refusal, GroupAccess? Access, HeldPost? Held)> FindHeldAsync(ReviewItemKind kind, bool needsReason)
    {
        var scope = await ScopeAsync();
        if (scope.Refusal is not null) return (scope.Refusal, null, null);
        var access = await AccessToItemGroupAsync(scope, await ReviewQueue.GroupOfHeldPostAsync(db, Input.ItemId));
        if (access is null) return (NotFound(), null, null);
        if (!IsInputValid(kind, needsReason)) return (await RedisplayAsync(scope), null, null);
        var held = await db.HeldPosts.SingleAsync(h => h.Id == Input.ItemId);
        if (held.RefusedAt is not null) return (Done(l["Someone has already dealt with this item."]), null, null);
        return (null, access, held);
    }

    /// <summary>The reader's access to the item's group when the page covers it and they may moderate there; otherwise null (404).</summary>
    async Task<GroupAccess?> AccessToItemGroupAsync(QueueScope scope, int? itemGroupId)
    {
        if (itemGroupId is not { } groupId || (scope.GroupId is { } only && only != groupId)) return null;
        return await GroupAccess.FindAsync(db, groupId, User) is { MayModerate: true } access ? access : null;
    }

    bool IsInputValid(ReviewItemKind kind, bool needsReason)
    {
        string? error = null;
        if (ModelState.TryGetValue("Input.Note", out var note) && note.Errors.Count > 0)
            error = note.Errors[0].ErrorMessage;
        // Anything else that did not bind is the reason (a value from no radio button).
        else if (!ModelState.IsValid || (needsReason && (Input.Reason is not { } reason || !Enum.IsDefined(reason))))
            error = l["Choose a reason."];
        else if (needsReason && Input.Reason == ModerationReason.Other && string.IsNullOrWhiteSpace(Input.Note))
            error = l["Say in the note why, when the reason is “Other”."];
        if (error is null) return true;
        FailedItemKey = ReviewItem.KeyOf(kind, Input.ItemId);
        FailedItemError = error;
        ModelState.AddModelError(string.Empty, error);
        return false;
    }

    async Task<IActionResult> RedisplayAsync(QueueScope scope)
    {
        await LoadAsync(scope);
        return Page();
    }

    async Task LoadAsync(QueueScope scope)
    {
        ShowReporters = scope.ShowReporters;
        Queue = await ReviewQueue.LoadAsync(db, scope.GroupId, scope.ShowReporters, HttpContext.RequestAborted);
    }

    IActionResult Done(string message)
    {
        StatusMessage = message;
        return RedirectToPage();
    }
}
