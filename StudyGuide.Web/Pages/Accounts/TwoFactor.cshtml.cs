using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Web.Pages.Accounts;

/// <summary>
/// Authenticator-app two-factor authentication for staff. Every change goes through a POST; the
/// key and the recovery codes are shown by GETs that change nothing.
/// </summary>
public class TwoFactorModel(UserManager<User> users, SignInManager<User> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public enum Step { Overview, Setup, RecoveryCodes }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    // Shown once, right after they are made; TempData is read (and so deleted) by the page that shows them.
    [TempData]
    public string[]? NewRecoveryCodes { get; set; }

    public Step Showing { get; private set; }
    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string? SharedKey { get; private set; }
    public HtmlString? QrCode { get; private set; }

    public sealed class InputModel
    {
        // Not [Required]: the page's other forms post no code. The verify handler checks it.
        [StringLength(16, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Code from your authenticator app")]
        public string? Code { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AllowedUserAsync() is not { } user) return NotFound();
        await DescribeAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnGetSetupAsync()
    {
        if (await AllowedUserAsync() is not { } user || !UserClaims.IsStaff(User)) return NotFound();
        if (user.TwoFactorEnabled || !await ShowKeyAsync(user)) return RedirectToPage();
        return Page();
    }

    public IActionResult OnGetRecoveryCodes()
    {
        if (NewRecoveryCodes is null) return RedirectToPage();
        Showing = Step.RecoveryCodes;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (await AllowedUserAsync() is not { } user || !UserClaims.IsStaff(User)) return NotFound();
        if (user.TwoFactorEnabled) return RedirectToPage();

        // A new key each time setup starts: a key seen by someone else during an abandoned setup is worthless.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(pageName: null, pageHandler: "Setup");
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (await AllowedUserAsync() is not { } user || !UserClaims.IsStaff(User)) return NotFound();
        if (user.TwoFactorEnabled) return RedirectToPage();
        if (!await ShowKeyAsync(user)) return RedirectToPage();

        if (string.IsNullOrWhiteSpace(Input.Code))
            ModelState.AddModelError("Input.Code", l["Enter the 6-digit code from your authenticator app."]);
        if (!ModelState.IsValid) return Page();

        var valid = await users.VerifyTwoFactorTokenAsync(
            user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactor.NormalizeAuthenticatorCode(Input.Code!));
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", l["This code is not correct. Check that the time on your phone is right and try the newest code."]);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount))?.ToArray();
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(pageName: null, pageHandler: "RecoveryCodes");
    }

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync()
    {
        if (await AllowedUserAsync() is not { } user) return NotFound();
        if (!user.TwoFactorEnabled) return RedirectToPage();

        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount))?.ToArray();
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(pageName: null, pageHandler: "RecoveryCodes");
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await AllowedUserAsync() is not { } user) return NotFound();
        if (!user.TwoFactorEnabled) return RedirectToPage();

        await users.SetTwoFactorEnabledAsync(user, false);
        // Forget the old key too, so turning it on again always starts from a fresh one.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshSignInAsync(user);
        StatusMessage = l["Two-factor authentication is now off."];
        return RedirectToPage();
    }

    /// <summary>
    /// Staff may set it up. Someone who lost their staff role while it was on may still turn it
    /// off or renew their codes; everyone else gets 404.
    /// </summary>
    async Task<User?> AllowedUserAsync()
    {
        var user = await users.GetUserAsync(User);
        return user is not null && (UserClaims.IsStaff(User) || user.TwoFactorEnabled) ? user : null;
    }

    async Task DescribeAsync(User user)
    {
        Showing = Step.Overview;
        Enabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
    }

    async Task<bool> ShowKeyAsync(User user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return false;
        Showing = Step.Setup;
        SharedKey = TwoFactor.FormatKey(key);
        QrCode = TwoFactor.QrCodeSvg(TwoFactor.AuthenticatorUri(user.Email ?? user.UserName!, key));
        return true;
    }
}
