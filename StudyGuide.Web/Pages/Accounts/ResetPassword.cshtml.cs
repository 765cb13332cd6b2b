using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Accounts;

/// <summary>
/// Opened from the emailed link. The token is Identity's (data-protected, one day, tied to the
/// security stamp), so it stops working once used, and once the password changes any other way.
/// </summary>
[EnableRateLimiting(RateLimits.AccountForms)]
public class ResetPasswordModel(UserManager<User> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public bool LinkIsValid { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";
    }

    public async Task OnGetAsync()
    {
        var user = await FindUserAsync();
        LinkIsValid = user is not null && DecodedToken() is { } token
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, token);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindUserAsync();
        var token = DecodedToken();
        if (user is null || token is null) return Page();
        LinkIsValid = true;
        if (!ModelState.IsValid) return Page();

        var result = await users.ResetPasswordAsync(user, token, Input.NewPassword);
        if (!result.Succeeded)
        {
            // A used, expired or forged token: the page explains and offers a new link.
            LinkIsValid = !result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            if (LinkIsValid)
            {
                foreach (var error in result.Errors) ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }

        // Reading the mailbox proves who this is; a lockout from someone else's guesses should not outlast it.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        StatusMessage = l["Your password has been changed. Sign in with the new one."];
        return RedirectToPage("/Accounts/SignIn");
    }

    async Task<User?> FindUserAsync() =>
        string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);

    string? DecodedToken()
    {
        if (string.IsNullOrEmpty(Token)) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
