using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Curriculum;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>
/// A thread, a configured number of posts a page (50 by default), by number. For a reader who sees everything a page costs one round trip
/// whatever its number (the thread with the reader's membership and read position, and the posts with
/// their authors' names, a range on (thread_id, number), in one command), and a second one when the
/// read position moved.
/// </summary>
[Authorize]
public class ThreadModel(
    AppDbContext db, ThreadPaging paging, ThreadLinks links, TimeProvider time, ServedCurriculum curriculum, AccountActionLimits limits,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public string? Body { get; set; }
        public Guid IdempotencyKey { get; set; }
        public int? ReplyToNumber { get; set; }
    }

    public sealed record Prompt(string? InstructionsHtml, string? Question, int AssignmentId);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ThreadAccess Access { get; private set; } = null!;
    public IReadOnlyList<PostRow> Posts { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;

    /// <summary>The post the "new since your last visit" marker goes before, if it is on this page.</summary>
    public int? FirstNewNumber { get; private set; }

    public Prompt? AssignmentPrompt { get; private set; }

    /// <summary>Display names of the students a private thread's posts belong to (facilitators' view).</summary>
    public IReadOnlyDictionary<string, string> StudentNames { get; private set; } = new Dictionary<string, string>();

    public PostRow? ReplyingTo { get; private set; }
    public string? PreviewHtml { get; private set; }

    public bool MayPost => Access.Group.IsMember || Access.IsFacilitator;

    /// <summary>Members report others' posts unless they are muted in the group.</summary>
    public bool MayReport => Access.Group.IsMember && !Access.IsMutedAt(time.GetUtcNow());

    /// <summary>Why this reader cannot post here now (muted, or the thread is locked), shown in place of the form.</summary>
    public string? PostingClosed { get; private set; }

    /// <summary>Slow mode, for members: the rule, and when they may post again.</summary>
    public string? SlowModeNotice { get; private set; }

    /// <summary>The reader's own posts and edits in this thread waiting for approval, or refused.</summary>
    public IReadOnlyList<HeldPost> OwnHeld { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>A facilitator of a private thread answers one student at a time, from that student's post.</summary>
    public bool ShowsReplyForm => MayPost && PostingClosed is null && (!Access.GroupedByStudent || Input.ReplyToNumber is not null || !ModelState.IsValid);

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "page")] int? pageNumber, int? quote, int? reply)
    {
        var access = await ThreadAccess.FindAsync(db, id, User, paging, pageNumber);
        if (access is null) return NotFound();
        Access = access;

        var answering = quote ?? reply;
        if (answering is { } number)
        {
            var target = await db.Posts.AsNoTracking()
                .Where(p => p.ThreadId == id && p.Number == number && p.DeletedAt == null)
                .VisibleTo(access)
                .InPlace()
                .Select(p => new { p.BodyMarkdown, Name = db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).First() })
                .FirstOrDefaultAsync();
            // Quoting a post one cannot see must not reveal it, nor that it exists.
            if (target is null) return NotFound();
            Input.ReplyToNumber = number;
            if (quote is not null) Input.Body = QuoteText(id, number, target.Name, target.BodyMarkdown);
        }
        Input.IdempotencyKey = Guid.NewGuid();

        var lastRead = access.LastReadNumber;

        if (pageNumber is null && answering is null)
        {
            // Opening a thread goes to its first unread post (or its last page when everything is read).
            var (target, hasUnread) = await FirstUnreadPageAsync(lastRead ?? 0);
            return Redirect(links.ToPage(Request, id, target, hasUnread && lastRead is not null ? "new" : null));
        }

        await ShowAsync(pageNumber, lastRead);
        if (Posts.Count > 0 && Posts.Max(p => p.Number) is var shown && shown > (lastRead ?? 0))
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO thread_reads (user_id, thread_id, last_read_number) VALUES ({access.UserId}, {id}, {shown})
                ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_number = GREATEST(thread_reads.last_read_number, excluded.last_read_number)
                """);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromQuery(Name = "page")] int? pageNumber)
    {
        var access = await ThreadAccess.FindAsync(db, id, User, paging, pageNumber);
        if (access is null) return NotFound();
        Access = access;
        if (!MayPost) return NotFound();
        // A second click, or a retry after a timeout, finds what the first submission made.
        if (await Posting.FindByKeyAsync(db, access.UserId, Input.IdempotencyKey) is { } made)
            return RedirectToPage("/Discussions/Permalink", new { id, number = made.Number });

        var (visibleTo, audienceProblem) = await Posting.AudienceAsync(db, access, Input.ReplyToNumber);
        if (!limits.TryTake(AccountAction.Post, access.UserId))
        {
            ModelState.AddModelError("Input.Body", l["You are posting very fast. Wait a minute and post again; your text is kept below."]);
        }
        else if (audienceProblem is { } refusedAudience)
        {
            ModelState.AddModelError("Input.Body", PostMarkdown.Describe(refusedAudience, l));
        }
        else
        {
            var now = time.GetUtcNow();
            var decision = await PostingRules.DecideAsync(db, access.Group, access.Thread, Input.Body ?? "", isEdit: false, now, l);
            if (decision.Refusal is { } refused)
            {
                ModelState.AddModelError("Input.Body", refused);
            }
            else if (decision.Hold is { } hold)
            {
                var rendered = PostMarkdown.Render(Input.Body);
                if (rendered.Problem is { } problem)
                {
                    ModelState.AddModelError("Input.Body", PostMarkdown.Describe(problem, l));
                }
                else
                {
                    await ModerationActions.HoldAsync(db, id, access.UserId, Input.Body!, rendered.Html, Input.IdempotencyKey, Input.ReplyToNumber, visibleTo,
                        editOfPostId: null, hold, decision.MatchedWord, now);
                    StatusMessage = l["Your post will appear once a facilitator approves it. Until then only you and the facilitators see it."];
                    return Redirect(links.ToPage(Request, id, pageNumber ?? 1, "held"));
                }
            }
            else
            {
                var result = await Posting.CreateAsync(db, id, access.UserId, Input.Body ?? "", Input.IdempotencyKey, Input.ReplyToNumber, visibleTo, now);
                if (result.Post is { } post) return RedirectToPage("/Discussions/Permalink", new { id, number = post.Number });
                ModelState.AddModelError("Input.Body", PostMarkdown.Describe(result.Problem!.Value, l));
            }
        }
        await ShowAsync(pageNumber, lastRead: null);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, [FromQuery(Name = "page")] int? pageNumber)
    {
        var access = await ThreadAccess.FindAsync(db, id, User, paging, pageNumber);
        if (access is null) return NotFound();
        Access = access;
        PreviewHtml = PostPreview.Render(Input.Body, ModelState, l);
        await ShowAsync(pageNumber, lastRead: null);
        return Page();
    }

    async Task<(int Page, bool HasUnread)> FirstUnreadPageAsync(int lastRead)
    {
        if (ThreadPosts.UsesNumberRanges(Access))
        {
            var last = Access.Thread.LastPostNumber;
            return lastRead < last ? (paging.PageOf(lastRead + 1), true) : (paging.PageCount(last), false);
        }
        var numbers = await ThreadPosts.VisibleNumbersAsync(db, Access);
        var index = numbers.FindIndex(n => n > lastRead);
        return index >= 0 ? (paging.PageOf(index + 1), true) : (paging.PageCount(numbers.Count), false);
    }

    async Task ShowAsync(int? page, int? lastRead)
    {
        var thread = Access.Thread;
        var now = time.GetUtcNow();
        if (!Access.MayModerate)
        {
            PostingClosed = Access.IsMutedAt(now) ? PostingRules.MutedMessage(Access.MutedUntil!.Value, Access.MuteReason ?? "", Access.Group.Group, l)
                : thread.LockedAt is not null ? PostingRules.LockedMessage(thread.LockReason, l)
                : null;
            if (thread.SlowModeMinutes is { } minutes)
            {
                SlowModeNotice = Access.NextPostAllowedAt(now) is { } next
                    ? PostingRules.SlowModeMessage(next, Access.Group.Group, l)
                    : l["Slow mode is on: one post every {0} minutes per member.", minutes];
            }
        }
        if (Access.OwnHeldPosts > 0)
        {
            OwnHeld = await db.HeldPosts.AsNoTracking()
                .Where(h => h.ThreadId == thread.Id && h.AuthorId == Access.UserId)
                .OrderBy(h => h.CreatedAt).ThenBy(h => h.Id)
                .ToListAsync();
        }
        if (ThreadPosts.UsesNumberRanges(Access))
        {
            PageCount = paging.PageCount(thread.LastPostNumber);
            PageNumber = ThreadPaging.Clamp(page, PageCount);
            // Read with the access row, unless the page asked for was out of range and clamped.
            Posts = Access.PostsOfPage(PageNumber)
                ?? (await ThreadAccess.FindAsync(db, thread.Id, User, paging, PageNumber))?.PostsOfPage(PageNumber)
                ?? [];
        }
        else
        {
            var numbers = await ThreadPosts.VisibleNumbersAsync(db, Access);
            PageCount = paging.PageCount(numbers.Count);
            PageNumber = ThreadPaging.Clamp(page, PageCount);
            var onPage = numbers.Skip((PageNumber - 1) * paging.PostsPerPage).Take(paging.PostsPerPage).ToList();
            Posts = onPage.Count == 0 ? [] : await ThreadPosts.NumbersAsync(db, thread.Id, onPage);
        }

        // Only after an earlier visit: on a first visit everything is new, and one's own posts never are.
        if (lastRead is { } read)
            FirstNewNumber = Posts.Where(p => p.Number > read && p.AuthorId != Access.UserId).Select(p => (int?)p.Number).Min();

        if (Access.GroupedByStudent)
        {
            var ids = Posts.Select(p => p.VisibleToUserId).OfType<string>().Distinct().ToList();
            var names = Posts.Where(p => p.VisibleToUserId is null).GroupBy(p => p.AuthorId).ToDictionary(g => g.Key, g => g.First().AuthorName);
            if (ids.Count > 0)
            {
                foreach (var user in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync())
                    names[user.Id] = user.DisplayName;
            }
            StudentNames = names;
        }

        if (thread.AssignmentId is { } assignmentId)
        {
            var assignment = await db.Assignments.AsNoTracking()
                .Where(a => a.Id == assignmentId)
                .Select(a => new { a.InstructionsHtml, a.ModuleSlug })
                .FirstAsync();
            var module = curriculum.Library.FindModule(assignment.ModuleSlug, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            AssignmentPrompt = new Prompt(assignment.InstructionsHtml, module?.Reflection, assignmentId);
        }

        if (Input.ReplyToNumber is { } replyTo)
        {
            ReplyingTo = Posts.FirstOrDefault(p => p.Number == replyTo)
                ?? (await ThreadPosts.NumbersAsync(db, thread.Id, [replyTo])).FirstOrDefault(p => Access.CanSee(p.AuthorId, p.VisibleToUserId));
        }
    }

    string QuoteText(int threadId, int number, string authorName, string markdown)
    {
        var link = $"[#{number.ToString(CultureInfo.InvariantCulture)}](/threads/{threadId.ToString(CultureInfo.InvariantCulture)}/posts/{number.ToString(CultureInfo.InvariantCulture)})";
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return "> " + l["{0} wrote in post {1}:", authorName, link] + "\n>\n" + string.Join("\n", lines.Select(line => "> " + line)) + "\n\n";
    }
}
