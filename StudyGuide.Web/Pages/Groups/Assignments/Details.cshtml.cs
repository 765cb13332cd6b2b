using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Curriculum;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups.Assignments;

public class DetailsModel(AppDbContext db, TimeProvider time, ServedCurriculum content) : PageModel
{
    /// <summary>How the reflection is assessed, shown to students and facilitators alike.</summary>
    public Rubric? Rubric { get; private set; }

    public GroupAccess Access { get; private set; } = null!;
    public Assignment Assignment { get; private set; } = null!;
    public DiscussionThread? Thread { get; private set; }
    public DateTimeOffset? ReflectedAt { get; private set; }
    public WorkStatus Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int assignmentId)
    {
        var access = await GroupAccess.FindAsync(db, id, User);
        if (access is null) return NotFound();
        var assignment = await db.Assignments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assignmentId && a.GroupId == id);
        if (assignment is null) return NotFound();
        Access = access;
        Assignment = assignment;
        Thread = await db.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.AssignmentId == assignmentId);
        if (Thread is not null)
        {
            ReflectedAt = await db.Posts.CountingAsReflections()
                .Where(p => p.ThreadId == Thread.Id && p.AuthorId == access.UserId)
                .MinAsync(p => (DateTimeOffset?)p.CreatedAt);
        }
        Status = Work.Status(assignment.DueAt, ReflectedAt, time.GetUtcNow());
        Rubric = content.Library.Rubric(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        return Page();
    }
}
