using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Groups;

public enum WorkStatus
{
    ToDo,
    Done,

    /// <summary>Past the due date with no reflection yet.</summary>
    Late,
}

/// <summary>An assignment with one member's reflection time (their first non-deleted post in its thread), if any.</summary>
public sealed record AssignmentWork(
    int AssignmentId, int GroupId, string GroupName, string TimeZone, string ModuleSlug, string ModuleTitle,
    DateTimeOffset? DueAt, DateTimeOffset CreatedAt, int? ThreadId, DateTimeOffset? ReflectedAt)
{
    public WorkStatus StatusAt(DateTimeOffset now) => Work.Status(DueAt, ReflectedAt, now);

    public bool ReflectedAfterDue => ReflectedAt is { } at && DueAt is { } due && at > due;
}

/// <summary>"Done" means the member has a reflection in the assignment's reflection thread.</summary>
public static class Work
{
    /// <summary>
    /// The posts that make an assignment done: only those not deleted. A member who deletes their
    /// only reflection is back to "to do" (or "late") on /me/work, the progress table and its CSV
    /// until they post again. The post-first gate deliberately stays open for them (PostVisibility):
    /// they have already read their classmates, and hiding the thread again would protect nothing.
    /// A post removed by a moderator or hidden pending review does not count, and does not open the gate;
    /// a post waiting for approval is not a post yet (HeldPost).
    /// </summary>
    public static IQueryable<Post> CountingAsReflections(this IQueryable<Post> posts) =>
        posts.Where(p => p.DeletedAt == null && p.RemovedAt == null && p.HiddenAt == null);

    public static WorkStatus Status(DateTimeOffset? dueAt, DateTimeOffset? reflectedAt, DateTimeOffset now) =>
        reflectedAt is not null ? WorkStatus.Done
        : dueAt is { } due && due < now ? WorkStatus.Late
        : WorkStatus.ToDo;

    /// <summary>Every assignment of every group <paramref name="userId"/> is a member of, soonest due first, undated last.</summary>
    public static Task<List<AssignmentWork>> ForMemberAsync(AppDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        // A query variable, not a call inside the expression: EF inlines it into the one SQL statement.
        var reflections = db.Posts.CountingAsReflections();
        return (from m in db.Memberships
         where m.UserId == userId && m.Role == MembershipRole.Member
         join a in db.Assignments on m.GroupId equals a.GroupId
         join g in db.Groups on a.GroupId equals g.Id
         let thread = db.Threads.Where(t => t.AssignmentId == a.Id).Select(t => (int?)t.Id).FirstOrDefault()
         orderby a.DueAt == null, a.DueAt, a.CreatedAt, a.Id
         select new AssignmentWork(
             a.Id, g.Id, g.Name, g.TimeZone, a.ModuleSlug, a.ModuleTitle, a.DueAt, a.CreatedAt, thread,
             reflections.Where(p => p.AuthorId == userId && p.ThreadId == thread).Min(p => (DateTimeOffset?)p.CreatedAt)))
        .AsNoTracking()
        .ToListAsync(cancellationToken);
    }

    /// <summary>A group's assignments in due-date order (undated last).</summary>
    public static IQueryable<Assignment> InDueOrder(this IQueryable<Assignment> assignments) =>
        assignments.OrderBy(a => a.DueAt == null).ThenBy(a => a.DueAt).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id);
}
