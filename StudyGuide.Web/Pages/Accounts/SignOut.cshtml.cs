using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Web.Pages.Accounts;

/// <summary>Sign-out changes state, so it is a POST (the button in the header); GET shows a confirmation form.</summary>
public class SignOutModel(SignInManager<User> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
