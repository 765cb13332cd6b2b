using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Groups.Students;

/// <summary>
/// Accounts for students without email. The passwords are shown once, in the answer to the POST,
/// and stored nowhere in clear: that is why this form renders its result instead of redirecting.
/// The form carries a key made when it was shown; submitting it again (double click, retry) shows
/// the same accounts without passwords and creates none.
/// </summary>
public class NewModel(AppDbContext db, UserManager<User> users, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter at least one name.")]
        [StringLength(20_000, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Students' names, one per line")]
        public string Names { get; set; } = "";

        public Guid IdempotencyKey { get; set; }
    }

    public GroupAccess Access { get; private set; } = null!;
    public StudentSheet? Sheet { get; private set; }
    public string? SignInAddress => Url.PageLink("/Accounts/SignIn");

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        Input.IdempotencyKey = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var access = await GroupAccess.FindAsFacilitatorAsync(db, id, User);
        if (access is null) return NotFound();
        Access = access;
        if (!ModelState.IsValid) return Page();

        var names = StudentAccounts.ParseNames(Input.Names);
        if (names.Count == 0)
            ModelState.AddModelError("Input.Names", l["Enter at least one name."]);
        else if (names.Count > StudentAccounts.MaxNamesPerBatch)
            ModelState.AddModelError("Input.Names", l["Enter at most {0} names at a time.", StudentAccounts.MaxNamesPerBatch]);
        foreach (var name in names.Where(n => n.Length > StudyGuide.Web.Accounts.User.DisplayNameMaxLength || TextRules.HasControlCharacters(n)))
            ModelState.AddModelError("Input.Names", l["This name is too long or has characters that cannot be used: {0}", name[..Math.Min(name.Length, 40)]]);
        if (!ModelState.IsValid) return Page();

        Sheet = await StudentAccounts.CreateAsync(db, users, access.Group, access.UserId, names, Input.IdempotencyKey, time.GetUtcNow());
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
