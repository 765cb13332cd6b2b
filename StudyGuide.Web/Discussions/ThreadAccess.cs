using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Discussions;

/// <summary>
/// A thread as one reader may see it. Pages load threads only through <see cref="FindAsync"/> and answer
/// 404 when it returns null: a thread in a group the reader is not in does not exist for them.
/// </summary>
public sealed class ThreadAccess(DiscussionThread thread, GroupAccess group, ReflectionMode mode, bool hasPosted, int? lastReadNumber = null)
{
    public DiscussionThread Thread { get; } = thread;
    public GroupAccess Group { get; } = group;
    public string UserId => Group.UserId;

    /// <summary>Open for free threads; the assignment's mode for reflection threads.</summary>
    public ReflectionMode Mode { get; } = mode;

    /// <summary>Whether the reader has a post of their own in the thread (the post-first gate).</summary>
    public bool HasPosted { get; } = hasPosted;

    /// <summary>How far the reader had read before this request; null before their first visit.</summary>
    public int? LastReadNumber { get; } = lastReadNumber;

    public bool IsFacilitator => Group.IsFacilitator;

    /// <summary>True when nothing in the thread is hidden from this reader: pages are plain number ranges.</summary>
    public bool SeesEverything => PostVisibility.SeesEverything(Mode, IsFacilitator, HasPosted);

    /// <summary>Facilitators read a private thread student by student.</summary>
    public bool GroupedByStudent => Mode == ReflectionMode.Private && IsFacilitator;

    sealed record AccessRow(DiscussionThread Thread, Group Group, MembershipRole? Role, ReflectionMode? Mode, bool HasPosted, int? LastRead);

    // Compiled once: every thread page, post form and permalink starts here (bench/ measured the
    // per-call expression building of the uncompiled query).
    static readonly Func<AppDbContext, int, string, Task<AccessRow?>> FindRow = EF.CompileAsyncQuery(
        // A join: db.Groups.First(…) in the projection made EF number every group with ROW_NUMBER() on each request.
        (AppDbContext db, int threadId, string userId) => (
            from t in db.Threads.AsNoTracking()
            join g in db.Groups.AsNoTracking() on t.GroupId equals g.Id
            where t.Id == threadId
            select new AccessRow(
                t,
                g,
                db.Memberships.Where(m => m.GroupId == t.GroupId && m.UserId == userId).Select(m => (MembershipRole?)m.Role).FirstOrDefault(),
                db.Assignments.Where(a => a.Id == t.AssignmentId).Select(a => (ReflectionMode?)a.ReflectionMode).FirstOrDefault(),
                db.Posts.Any(p => p.AuthorId == userId && p.ThreadId == t.Id),
                db.ThreadReads.Where(r => r.UserId == userId && r.ThreadId == t.Id).Select(r => (int?)r.LastReadNumber).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>The thread, the reader's role in its group, the reflection mode, the gate and the read position, in one query.</summary>
    public static async Task<ThreadAccess?> FindAsync(AppDbContext db, int threadId, ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        var found = await FindRow(db, threadId, userId);
        if (found is null) return null;
        var isAdmin = user.IsInRole(Roles.Admin);
        if (found.Role is null && !isAdmin) return null;
        return new ThreadAccess(found.Thread, new GroupAccess(found.Group, userId, found.Role, isAdmin), found.Mode ?? ReflectionMode.Open, found.HasPosted, found.LastRead);
    }

    public bool CanSee(Post post) => CanSee(post.AuthorId, post.VisibleToUserId);

    public bool CanSee(string authorId, string? visibleToUserId) => PostVisibility.CanSee(authorId, visibleToUserId, this);

    /// <summary>Only the author edits or deletes a post, and a deleted post stays deleted.</summary>
    public bool CanEdit(Post post) => CanEdit(post.AuthorId, post.DeletedAt);

    public bool CanEdit(string authorId, DateTimeOffset? deletedAt) => authorId == UserId && deletedAt is null;

    /// <summary>Facilitators read every revision; an author reads the revisions of their own posts.</summary>
    public bool CanReadHistory(Post post) => CanReadHistory(post.AuthorId);

    public bool CanReadHistory(string authorId) => IsFacilitator || authorId == UserId;
}

/// <summary>
/// The one rule for who sees which post of a thread. Every query that reads posts goes through
/// <see cref="VisibleTo"/> (pages, counts, permalinks, quotes, history); tests use <see cref="CanSee"/>.
/// </summary>
public static class PostVisibility
{
    public static bool SeesEverything(ReflectionMode mode, bool isFacilitator, bool hasPosted) =>
        mode == ReflectionMode.Open || isFacilitator || (mode == ReflectionMode.PostFirst && hasPosted);

    public static bool CanSee(string authorId, string? visibleToUserId, ThreadAccess reader) =>
        reader.SeesEverything
        || authorId == reader.UserId
        || (reader.Mode == ReflectionMode.Private && visibleToUserId == reader.UserId);

    public static IQueryable<Post> VisibleTo(this IQueryable<Post> posts, ThreadAccess reader) =>
        posts.Where(Predicate(reader));

    static Expression<Func<Post, bool>> Predicate(ThreadAccess reader)
    {
        var userId = reader.UserId;
        if (reader.SeesEverything) return p => true;
        // Post-first before posting: only one's own. Private: one's own and the facilitators' replies to one.
        return reader.Mode == ReflectionMode.Private
            ? p => p.AuthorId == userId || p.VisibleToUserId == userId
            : p => p.AuthorId == userId;
    }
}

public static class Threading
{
    /// <summary>Any member starts a free discussion unless the group keeps that to its facilitators.</summary>
    public static bool MayStartThread(GroupAccess access) =>
        access.IsFacilitator || (access.IsMember && !access.Group.OnlyFacilitatorsStartThreads);
}
