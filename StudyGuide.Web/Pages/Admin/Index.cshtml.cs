using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Pages.Admin;

// The /Admin folder requires the Admin policy (Program.cs); a test enumerates the endpoints to prove it.
public class IndexModel(AppDbContext db, IEmailSender email, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public bool EmailEnabled => email.IsEnabled;

    public sealed class InputModel
    {
        [Display(Name = "Anyone may create an account on the sign-up page")]
        public bool AllowOpenRegistration { get; set; }

        [Display(Name = "Any signed-in user may create a club")]
        public bool AllowAnyoneToCreateClubs { get; set; }
    }

    public async Task OnGetAsync()
    {
        var settings = await db.SiteSettings.AsNoTracking().SingleAsync();
        Input.AllowOpenRegistration = settings.AllowOpenRegistration;
        Input.AllowAnyoneToCreateClubs = settings.AllowAnyoneToCreateClubs;
    }

    public async Task<IActionResult> OnPostRegistrationAsync()
    {
        if (!ModelState.IsValid) return Page();

        var settings = await db.SiteSettings.SingleAsync();
        settings.AllowOpenRegistration = Input.AllowOpenRegistration;
        await db.SaveChangesAsync();
        StatusMessage = Input.AllowOpenRegistration
            ? l["Open registration is on: anyone can create an account at /account/register."]
            : l["Open registration is off: accounts are created by teachers and administrators, or with a group's join code."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostClubsAsync()
    {
        if (!ModelState.IsValid) return Page();

        var settings = await db.SiteSettings.SingleAsync();
        settings.AllowAnyoneToCreateClubs = Input.AllowAnyoneToCreateClubs;
        await db.SaveChangesAsync();
        StatusMessage = Input.AllowAnyoneToCreateClubs
            ? l["Anyone signed in can now create a club. Classes are still created by teachers only."]
            : l["Only teachers and administrators can create groups."];
        return RedirectToPage();
    }
}
