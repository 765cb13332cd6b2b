using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyGuide.Web.Groups;

/// <summary>Who sees the reflections posted in an assignment's thread (enforced by the discussions feature).</summary>
public enum ReflectionMode
{
    /// <summary>A normal discussion: every member sees every reflection.</summary>
    Open,

    /// <summary>Members see classmates' reflections only after posting their own.</summary>
    PostFirst,

    /// <summary>Each reflection is seen by its author and the facilitators only.</summary>
    Private,
}

public class Assignment
{
    public const int InstructionsMaxLength = 10_000;

    public int Id { get; set; }
    public int GroupId { get; set; }
    public string ModuleSlug { get; set; } = "";

    /// <summary>Kept with the assignment so it still reads well if the module is later renamed or removed.</summary>
    public string ModuleTitle { get; set; } = "";

    public DateTimeOffset? DueAt { get; set; }
    public string? InstructionsMarkdown { get; set; }

    /// <summary>Sanitised HTML rendered once when written; null when there are no instructions.</summary>
    public string? InstructionsHtml { get; set; }

    /// <summary>
    /// Set when the assignment is made; no page changes it. A page that does must also reset the reflection
    /// thread's <c>member_activity_at</c> in the same transaction (to <c>activity_at</c> when it becomes Open,
    /// to <c>created_at</c> when it becomes gated): posting keeps that key by the mode in force at each post.
    /// </summary>
    public ReflectionMode ReflectionMode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByUserId { get; set; } = "";
}

sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> assignment)
    {
        assignment.ToTable("assignments");
        assignment.Property(a => a.ModuleSlug).HasMaxLength(100);
        assignment.Property(a => a.ModuleTitle).HasMaxLength(200);
        assignment.Property(a => a.InstructionsMarkdown).HasMaxLength(Assignment.InstructionsMaxLength);
        assignment.Property(a => a.ReflectionMode).HasConversion<string>().HasMaxLength(16);
        // A group's assignments are always listed by due date.
        assignment.HasIndex(a => new { a.GroupId, a.DueAt });
        // "Assigned to your group" on a module page looks assignments up by module.
        assignment.HasIndex(a => a.ModuleSlug);
        assignment.HasOne<Group>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
