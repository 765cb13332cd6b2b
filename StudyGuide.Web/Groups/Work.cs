using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Groups;

public enum WorkStatus
{
    ToDo,
    Done,

    /// <summary>Past the due date with no reflection yet.</summary>
    Late,
}

/// <summary>An assignment with one member's reflection time (their first post in its thread), if any.</summary>
public sealed record AssignmentWork(
    int AssignmentId, int GroupId, string GroupName, string TimeZone, string ModuleSlug, string ModuleTitle,
    DateTimeOffset? DueAt, DateTimeOffset CreatedAt, int? ThreadId, DateTimeOffset? ReflectedAt)
{
    public WorkStatus StatusAt(DateTimeOffset now) => Work.Status(DueAt, ReflectedAt, now);

    public bool ReflectedAfterDue => ReflectedAt is { } at && DueAt is { } due && at > due;
}

/// <summary>"Done" means the member posted in the assignment's reflection thread.</summary>
public static class Work
{
    public static WorkStatus Status(DateTimeOffset? dueAt, DateTimeOffset? reflectedAt, DateTimeOffset now) =>
        reflectedAt is not null ? WorkStatus.Done
        : dueAt is { } due && due < now ? WorkStatus.Late
        : WorkStatus.ToDo;

    /// <summary>Every assignment of every group <paramref name="userId"/> is a member of, soonest due first, undated last.</summary>
    public static Task<List<AssignmentWork>> ForMemberAsync(AppDbContext db, string userId, CancellationToken cancellationToken = default) =>
        (from m in db.Memberships
         where m.UserId == userId && m.Role == MembershipRole.Member
         join a in db.Assignments on m.GroupId equals a.GroupId
         join g in db.Groups on a.GroupId equals g.Id
         let thread = db.Threads.Where(t => t.AssignmentId == a.Id).Select(t => (int?)t.Id).FirstOrDefault()
         orderby a.DueAt == null, a.DueAt, a.CreatedAt, a.Id
         select new AssignmentWork(
             a.Id, g.Id, g.Name, g.TimeZone, a.ModuleSlug, a.ModuleTitle, a.DueAt, a.CreatedAt, thread,
             db.Posts.Where(p => p.AuthorId == userId && p.ThreadId == thread).Min(p => (DateTimeOffset?)p.CreatedAt)))
        .AsNoTracking()
        .ToListAsync(cancellationToken);

    /// <summary>A group's assignments in due-date order (undated last).</summary>
    public static IQueryable<Assignment> InDueOrder(this IQueryable<Assignment> assignments) =>
        assignments.OrderBy(a => a.DueAt == null).ThenBy(a => a.DueAt).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id);
}
