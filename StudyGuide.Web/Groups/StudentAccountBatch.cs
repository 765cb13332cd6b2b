using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyGuide.Web.Groups;

/// <summary>
/// One submission of the "Create accounts" form. Its key comes from the form (generated when the
/// form was shown), so a double click or a browser retry finds the accounts already made instead
/// of making a second set (ada.l2…). The passwords are not kept: they are shown once.
/// </summary>
public class StudentAccountBatch
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public Guid IdempotencyKey { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The accounts made, in the order of the pasted names (the order of the sheet).</summary>
    public List<string> UserIds { get; set; } = [];
}

sealed class StudentAccountBatchConfiguration : IEntityTypeConfiguration<StudentAccountBatch>
{
    public void Configure(EntityTypeBuilder<StudentAccountBatch> batch)
    {
        batch.ToTable("student_account_batches");
        // The unique index is what makes two concurrent submissions of one form wait for each other:
        // the second insert blocks until the first commits, then fails, and finds the first batch.
        batch.HasIndex(b => new { b.GroupId, b.IdempotencyKey }).IsUnique();
        batch.HasOne<Group>().WithMany().HasForeignKey(b => b.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
