using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Accounts;

[EnableRateLimiting(RateLimits.AccountForms)]
public class SignInModel(SignInManager<User> signIn, UserManager<User> users, AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool OpenRegistration { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your username or email address.")]
        [StringLength(256, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Username or email")]
        public string Login { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }

    // Before every handler: GET and a refused POST both render the page, with the register link when open.
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        OpenRegistration = await db.SiteSettings.AsNoTracking().Select(s => s.AllowOpenRegistration).SingleAsync();
        await next();
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var login = Input.Login.Trim();
        var user = login.Contains('@', StringComparison.Ordinal)
            ? await users.FindByEmailAsync(login) ?? await users.FindByNameAsync(login)
            : await users.FindByNameAsync(login);
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, l["Wrong username or password."]);
            return Page();
        }

        // lockoutOnFailure: true — the sample's false would let anyone guess passwords forever.
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl());
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Accounts/SignInTwoFactor", new { ReturnUrl = SafeReturnUrl(), Input.RememberMe });

        ModelState.AddModelError(string.Empty, result switch
        {
            { IsLockedOut: true } => l["Too many failed attempts: this account is locked for 15 minutes. Ask your teacher or administrator if you need help now."],
            { IsNotAllowed: true } when user.IsSuspendedAt(time.GetUtcNow()) => Suspensions.SignInRefusal(user, l),
            _ => l["Wrong username or password."],
        });
        return Page();
    }

    string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
