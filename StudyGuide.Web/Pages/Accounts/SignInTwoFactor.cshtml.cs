using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Accounts;

/// <summary>
/// The second step after a correct password when two-factor authentication is on. Identity keeps
/// who is signing in in a short-lived cookie; nothing here trusts a user id from the form.
/// </summary>
[EnableRateLimiting(RateLimits.AccountForms)]
public class SignInTwoFactorModel(SignInManager<User> signIn, UserManager<User> users, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public bool Expired { get; private set; }

    // Two small forms share this model, so neither field is [Required]: each handler checks its own.
    public sealed class InputModel
    {
        [StringLength(16, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Code from your authenticator app")]
        public string? Code { get; set; }

        [Display(Name = "Remember this device for 30 days")]
        public bool RememberDevice { get; set; }

        [StringLength(32, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Recovery code")]
        public string? RecoveryCode { get; set; }
    }

    public async Task OnGetAsync() => Expired = await signIn.GetTwoFactorAuthenticationUserAsync() is null;

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Code))
            ModelState.AddModelError("Input.Code", l["Enter the 6-digit code from your authenticator app."]);
        if (!ModelState.IsValid) return Page();

        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return SignInAgain();

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(
            TwoFactor.NormalizeAuthenticatorCode(Input.Code!), RememberMe, Input.RememberDevice);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl());

        ModelState.AddModelError(string.Empty, Failure(result, user, l["This code is not correct. Check that the time on your phone is right and try the newest code."]));
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.RecoveryCode))
            ModelState.AddModelError("Input.RecoveryCode", l["Enter one of your recovery codes."]);
        if (!ModelState.IsValid) return Page();

        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return SignInAgain();

        // Identity's recovery-code sign-in skips the lockout and suspension checks and counts no
        // failures, so a recovery code could be guessed without limit: do both here.
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            ModelState.AddModelError(string.Empty, Failure(SignInResult.LockedOut, user, ""));
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactor.NormalizeRecoveryCode(Input.RecoveryCode!));
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl());

        await users.AccessFailedAsync(user);
        var lockedNow = await users.IsLockedOutAsync(user);
        ModelState.AddModelError(string.Empty, Failure(lockedNow ? SignInResult.LockedOut : result, user, l["This recovery code is not valid. Each code works once."]));
        return Page();
    }

    string Failure(SignInResult result, User user, string wrongCode) => result switch
    {
        _ when user.IsSuspendedAt(time.GetUtcNow()) => Suspensions.SignInRefusal(user, l),
        { IsLockedOut: true } => l["Too many failed attempts: this account is locked for 15 minutes. Ask your teacher or administrator if you need help now."],
        _ => wrongCode,
    };

    IActionResult SignInAgain()
    {
        Expired = true;
        return Page();
    }

    string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
