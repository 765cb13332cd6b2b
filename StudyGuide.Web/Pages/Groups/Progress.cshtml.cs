using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups;

/// <summary>Facilitators only: members × assignments with each reflection's time; ?format=csv for a spreadsheet.</summary>
public class ProgressModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Column(int AssignmentId, string ModuleTitle, DateTimeOffset? DueAt);
    public sealed record Cell(WorkStatus Status, DateTimeOffset? ReflectedAt, bool AfterDue);
    public sealed record Row(string DisplayName, string UserName, IReadOnlyList<Cell> Cells);

    public GroupAccess Access { get; private set; } = null!;
    public IReadOnlyList<Column> Columns { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? format)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        await LoadAsync(id);
        return format == "csv" ? Csv() : Page();
    }

    async Task LoadAsync(int groupId)
    {
        Columns = await db.Assignments.AsNoTracking()
            .Where(a => a.GroupId == groupId)
            .InDueOrder()
            .Select(a => new Column(a.Id, a.ModuleTitle, a.DueAt))
            .ToListAsync();
        var members = await db.Memberships.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.Role == MembershipRole.Member)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, UserName = u.UserName! })
            .OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
            .ToListAsync();
        // First non-deleted post by each author in each of the group's reflection threads (see Work.CountingAsReflections).
        var reflections = await (from p in db.Posts.CountingAsReflections()
                                 join t in db.Threads on p.ThreadId equals t.Id
                                 where t.GroupId == groupId && t.AssignmentId != null
                                 group p by new { AssignmentId = t.AssignmentId!.Value, p.AuthorId } into g
                                 select new { g.Key.AssignmentId, g.Key.AuthorId, At = g.Min(p => p.CreatedAt) })
            .ToDictionaryAsync(r => (r.AssignmentId, r.AuthorId), r => r.At);

        var now = time.GetUtcNow();
        Rows = members.Select(m => new Row(m.DisplayName, m.UserName, Columns.Select(c =>
        {
            DateTimeOffset? at = reflections.TryGetValue((c.AssignmentId, m.Id), out var found) ? found : null;
            return new Cell(Work.Status(c.DueAt, at, now), at, at > c.DueAt);
        }).ToList())).ToList();
    }

    public string CellText(Cell cell) => cell.Status switch
    {
        WorkStatus.Done when cell.AfterDue => l["Done {0} (after the due date)", Local(cell.ReflectedAt!.Value)],
        WorkStatus.Done => l["Done {0}", Local(cell.ReflectedAt!.Value)],
        WorkStatus.Late => l["Late: not posted"],
        _ => l["To do"],
    };

    string Local(DateTimeOffset instant) =>
        GroupTime.ToWallClock(instant, Access.Group.TimeZoneInfo).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Same table as the page. Display names are typed by users, so a name starting with = + - @
    /// is escaped with a leading apostrophe: a spreadsheet would otherwise run it as a formula.
    /// </summary>
    FileContentResult Csv()
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }))
        {
            csv.WriteField(l["Name"].Value);
            csv.WriteField(l["Username"].Value);
            foreach (var column in Columns)
            {
                var due = column.DueAt is { } at ? " " + l["(due {0})", Local(at)] : "";
                csv.WriteField(column.ModuleTitle + due);
            }
            csv.EndRecord();
            foreach (var row in Rows)
            {
                csv.WriteField(row.DisplayName);
                csv.WriteField(row.UserName);
                foreach (var cell in row.Cells) csv.WriteField(CellText(cell));
                csv.EndRecord();
            }
        }
        var fileName = $"progress-{Access.Group.Id}-{time.GetUtcNow():yyyy-MM-dd}.csv";
        return File(buffer.ToArray(), "text/csv; charset=utf-8", fileName);
    }
}
