using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Accounts;

public class IndexModel(UserManager<User> users, SignInManager<User> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string UserName { get; private set; } = "";
    public string? Email { get; private set; }
    public bool IsStaff { get; private set; }
    public bool TwoFactorEnabled { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(StudyGuide.Web.Accounts.User.DisplayNameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Your name, as others see it")]
        public string DisplayName { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return NotFound();
        Describe(user);
        Input.DisplayName = user.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return NotFound();
        Describe(user);
        if (!ModelState.IsValid) return Page();

        user.DisplayName = Input.DisplayName.Trim();
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }

        // The display name travels in the sign-in cookie; re-issue it so the header shows the new one.
        await signIn.RefreshSignInAsync(user);
        StatusMessage = l["Your name has been saved."];
        return RedirectToPage();
    }

    void Describe(User user)
    {
        UserName = user.UserName ?? "";
        Email = user.Email;
        IsStaff = UserClaims.IsStaff(User);
        TwoFactorEnabled = user.TwoFactorEnabled;
    }
}
