using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Accounts;

/// <summary>Open sign-up, only when an admin has turned it on; otherwise the page does not exist.</summary>
[EnableRateLimiting(RateLimits.AccountForms)]
public class RegisterModel(
    AppDbContext db, UserManager<User> users, SignInManager<User> signIn, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(StudyGuide.Web.Accounts.User.DisplayNameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Your name, as others will see it")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Choose a username.")]
        [StringLength(64, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Username")]
        public string UserName { get; set; } = "";

        [StringLength(256, ErrorMessage = "Use at most {1} characters.")]
        [EmailAddress(ErrorMessage = "This email address is not valid.")]
        [NoControlCharacters]
        [Display(Name = "Email (optional)")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() => await IsOpenAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await IsOpenAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();

        var userName = Input.UserName.Trim();
        var email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim();
        // Sign-in treats anything with @ as an email address first; a username that looks like
        // someone else's address would be confusing at best.
        if (userName.Contains('@', StringComparison.Ordinal))
            ModelState.AddModelError("Input.UserName", l["Usernames cannot contain @. Put your email address in the email field."]);
        // Email is optional and so not unique in Identity's eyes, but password reset looks accounts up by it.
        var normalizedEmail = users.NormalizeEmail(email);
        if (normalizedEmail is not null && await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail))
            ModelState.AddModelError("Input.Email", l["An account with this email address already exists."]);
        if (!ModelState.IsValid) return Page();

        var user = new StudyGuide.Web.Accounts.User
        {
            UserName = userName,
            Email = email,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var result = await AccountCreation.CreateAsync(db, users, user, Input.Password, role: null);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Index");
    }

    Task<bool> IsOpenAsync() => db.SiteSettings.AsNoTracking().Select(s => s.AllowOpenRegistration).SingleAsync();
}
