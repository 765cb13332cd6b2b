using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups.Assignments;

public class NewModel(AppDbContext db, IAssignableModules modules, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a module.")]
        [Display(Name = "Module")]
        public string ModuleSlug { get; set; } = "";

        [Display(Name = "Due date and time (optional)")]
        public DateTime? DueAt { get; set; }

        [StringLength(Assignment.InstructionsMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Instructions (optional)")]
        public string? Instructions { get; set; }

        [Display(Name = "Reflections")]
        public ReflectionMode ReflectionMode { get; set; }
    }

    public GroupAccess Access { get; private set; } = null!;
    public IReadOnlyList<ModuleChoice> Modules => modules.All;

    public async Task<IActionResult> OnGetAsync(int id, string? module)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        Input.ModuleSlug = modules.Find(module)?.Slug ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;

        var module = modules.Find(Input.ModuleSlug);
        if (module is null && !string.IsNullOrEmpty(Input.ModuleSlug))
            ModelState.AddModelError("Input.ModuleSlug", l["Choose a module from the list."]);
        if (!Enum.IsDefined(Input.ReflectionMode))
            ModelState.AddModelError("Input.ReflectionMode", l["Choose how reflections are shared."]);
        DateTimeOffset? dueAt = null;
        if (Input.DueAt is { } wallClock)
        {
            dueAt = GroupTime.ToUtc(wallClock, access.Group.TimeZoneInfo);
            if (dueAt is null)
                ModelState.AddModelError("Input.DueAt", l["This time does not exist in {0}: the clocks go forward then. Choose another time.", access.Group.TimeZone]);
            else if (dueAt < time.GetUtcNow())
                ModelState.AddModelError("Input.DueAt", l["This due date has already passed. Choose a later one."]);
        }
        var instructions = string.IsNullOrWhiteSpace(Input.Instructions) ? null : Input.Instructions.Trim();
        var instructionsHtml = instructions is null ? null : StudyGuide.Web.Groups.Instructions.Render(instructions);
        if (instructions is not null && instructionsHtml is null)
            ModelState.AddModelError("Input.Instructions", l["These instructions are nested too deeply to display. Simplify the quotes or lists and try again."]);
        if (!ModelState.IsValid) return Page();

        var userId = access.UserId;
        var now = time.GetUtcNow();
        var assignment = new Assignment
        {
            GroupId = id,
            ModuleSlug = module!.Slug,
            ModuleTitle = module.Title,
            DueAt = dueAt,
            InstructionsMarkdown = instructions,
            InstructionsHtml = instructionsHtml,
            ReflectionMode = Input.ReflectionMode,
            CreatedAt = now,
            CreatedByUserId = userId,
        };
        var threadTitle = l["Reflections: {0}", module.Title].Value;

        // The assignment and its reflection thread exist together or not at all.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Assignments.Add(assignment);
            await db.SaveChangesAsync();
            db.Threads.Add(new DiscussionThread
            {
                GroupId = id,
                Kind = ThreadKind.Assignment,
                AssignmentId = assignment.Id,
                Title = threadTitle.Length > DiscussionThread.TitleMaxLength ? threadTitle[..DiscussionThread.TitleMaxLength] : threadTitle,
                CreatedAt = now,
                ActivityAt = now,
                MemberActivityAt = now,
                CreatedByUserId = userId,
            });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
        return RedirectToPage("/Groups/Assignments/Details", new { id, assignmentId = assignment.Id });
    }
}
