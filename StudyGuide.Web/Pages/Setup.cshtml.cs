using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Pages;

/// <summary>Creates the first administrator through the one-time link the app printed at start-up.</summary>
public class SetupModel(AppDbContext db, UserManager<User> users, SignInManager<User> signIn, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(StudyGuide.Web.Accounts.User.DisplayNameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "This email address is not valid.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() => await TokenIsValidAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await TokenIsValidAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();

        var user = new StudyGuide.Web.Accounts.User
        {
            UserName = Input.Email,
            Email = Input.Email,
            EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var result = await AccountCreation.CreateAsync(db, users, user, Input.Password, Roles.Admin);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }

        // The link has done its job: clear it so it cannot be used again.
        await FirstAdminSetup.IssueTokenIfNoAdminAsync(db, time);
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Admin/Index");
    }

    async Task<bool> TokenIsValidAsync()
    {
        var settings = await db.SiteSettings.AsNoTracking().SingleAsync();
        return FirstAdminSetup.Matches(settings, Token, time.GetUtcNow()) && !await FirstAdminSetup.AnyAdminAsync(db);
    }
}
