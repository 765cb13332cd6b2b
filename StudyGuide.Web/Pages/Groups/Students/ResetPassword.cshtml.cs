using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Groups.Students;

/// <summary>
/// A facilitator gives a student account of their group a new generated password, shown once in
/// the answer to the POST; the student's open sessions end and they choose their own at next sign-in.
/// </summary>
public class ResetPasswordModel(AppDbContext db, UserManager<User> users) : PageModel
{
    public GroupAccess Access { get; private set; } = null!;
    public User Student { get; private set; } = null!;
    public string? NewPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string userId) =>
        await LoadAsync(id, userId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string userId)
    {
        if (!await LoadAsync(id, userId)) return NotFound();
        NewPassword = await StudentAccounts.ResetPasswordAsync(users, Student);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>Only teacher-made accounts (no email to reset by), and only members of a group the reader leads.</summary>
    async Task<bool> LoadAsync(int id, string userId)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return false;
        var student = await users.Users
            .Where(u => u.Id == userId && u.CreatedByUserId != null && db.Memberships.Any(m => m.GroupId == id && m.UserId == u.Id))
            .FirstOrDefaultAsync();
        if (student is null) return false;
        Access = access;
        Student = student;
        return true;
    }
}
