using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Accounts;

// Rate-limited per user: a borrowed, signed-in browser must not become a way to guess the current password.
[EnableRateLimiting(RateLimits.AccountForms)]
public class ChangePasswordModel(UserManager<User> users, SignInManager<User> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Where the must-change-password filter interrupted the person; local paths only.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() => await users.GetUserAsync(User) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return NotFound();
        if (!ModelState.IsValid) return Page();

        // A password a teacher set (student sheet, reset) is being replaced: the flag that sends them here
        // is cleared in the same update that stores the new password.
        var wasForced = user.MustChangePassword;
        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            user.MustChangePassword = wasForced;
            foreach (var error in result.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }

        // The new security stamp signs out every other browser (intended: a stolen session ends
        // here); this one gets a fresh cookie so the person stays signed in.
        await signIn.RefreshSignInAsync(user);
        // Continue where they were going; never to another site (an open redirect would make this
        // page a phishing relay). A forced change with nowhere to go ends on the student's work list.
        if (Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        if (wasForced) return RedirectToPage("/Me/Work");
        StatusMessage = l["Your password has been changed. You are still signed in here; other devices have been signed out."];
        return RedirectToPage();
    }
}
