using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Groups;

/// <summary>
/// iCalendar files of due dates: a private per-user feed at /calendar/{token}.ics (for calendar
/// apps, which cannot sign in) and one download per assignment. Each event carries only what the
/// reader already sees on the site: the module, the group's name, the due time and a link.
/// </summary>
public static class Calendars
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The route name of one assignment's .ics file, for links.</summary>
    public const string AssignmentFileRoute = "AssignmentCalendarFile";

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calendar/{token}.ics", FeedAsync).AllowAnonymous();
        endpoints.MapGet("/groups/{groupId:int}/assignments/{assignmentId:int}.ics", AssignmentAsync).RequireAuthorization().WithName(AssignmentFileRoute);
        return endpoints;
    }

    /// <summary>A new feed token for <paramref name="userId"/>; the previous URL stops working.</summary>
    public static async Task<string> RegenerateAsync(AppDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var token = SecretTokens.New();
        var feed = await db.CalendarFeeds.FindAsync([userId], cancellationToken);
        if (feed is null)
        {
            feed = new CalendarFeed { UserId = userId };
            db.CalendarFeeds.Add(feed);
        }
        feed.TokenHash = SecretTokens.Hash(token);
        feed.CreatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public static string FeedPath(string token) => $"/calendar/{token}.ics";

    static async Task<IResult> FeedAsync(string token, AppDbContext db, TimeProvider time, HttpContext http)
    {
        if (token.Length > 100) return Results.NotFound();
        var hash = SecretTokens.Hash(token);
        var userId = await db.CalendarFeeds.Where(f => f.TokenHash == hash).Select(f => f.UserId).FirstOrDefaultAsync(http.RequestAborted);
        if (userId is null) return Results.NotFound();

        var due = await (from m in db.Memberships
                         where m.UserId == userId
                         join a in db.Assignments on m.GroupId equals a.GroupId
                         join g in db.Groups on a.GroupId equals g.Id
                         where a.DueAt != null
                         orderby a.DueAt
                         select new DueDate(a.Id, g.Id, g.Name, a.ModuleTitle, a.DueAt!.Value))
            .AsNoTracking()
            .ToListAsync(http.RequestAborted);

        var installation = await InstallationIdAsync(db, http.RequestAborted);
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(Serialise(due, installation, time.GetUtcNow(), BaseUrl(http.Request)), ContentType);
    }

    static async Task<IResult> AssignmentAsync(int groupId, int assignmentId, AppDbContext db, TimeProvider time, HttpContext http)
    {
        var access = await GroupAccess.FindAsync(db, groupId, http.User, http.RequestAborted);
        if (access is null) return Results.NotFound();
        var due = await db.Assignments
            .Where(a => a.Id == assignmentId && a.GroupId == groupId && a.DueAt != null)
            .Select(a => new DueDate(a.Id, groupId, access.Group.Name, a.ModuleTitle, a.DueAt!.Value))
            .FirstOrDefaultAsync(http.RequestAborted);
        if (due is null) return Results.NotFound();
        var installation = await InstallationIdAsync(db, http.RequestAborted);
        var bytes = Encoding.UTF8.GetBytes(Serialise([due], installation, time.GetUtcNow(), BaseUrl(http.Request)));
        return Results.File(bytes, ContentType, $"assignment-{assignmentId}.ics");
    }

    static Task<Guid> InstallationIdAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.SiteSettings.Select(s => s.InstallationId).SingleAsync(cancellationToken);

    /// <summary>
    /// An event's UID, which calendar apps use to match an event across refreshes and imports: assignment ids start
    /// at 1 on every installation, so the installation's own random id keeps two sites' events apart.
    /// </summary>
    static string EventUid(Guid installationId, int assignmentId) => $"assignment-{assignmentId}.{installationId:N}@studyguide";

    sealed record DueDate(int AssignmentId, int GroupId, string GroupName, string ModuleTitle, DateTimeOffset DueAt);

    static string Serialise(IEnumerable<DueDate> dueDates, Guid installationId, DateTimeOffset now, string baseUrl)
    {
        var calendar = new Calendar { ProductId = "-//StudyGuide//Due dates//EN" };
        calendar.AddProperty("X-WR-CALNAME", "StudyGuide");
        foreach (var due in dueDates)
        {
            var at = new CalDateTime(due.DueAt.UtcDateTime);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = EventUid(installationId, due.AssignmentId),
                Summary = $"{due.ModuleTitle} ({due.GroupName})",
                DtStart = at,
                DtEnd = at,
                DtStamp = new CalDateTime(now.UtcDateTime),
                Url = new Uri($"{baseUrl}/groups/{due.GroupId}/assignments/{due.AssignmentId}"),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
