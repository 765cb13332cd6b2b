using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Accounts;

/// <summary>
/// Sends a reset link. The answer is the same whether or not an account has the address, so the
/// form cannot be used to find out who has an account here.
/// </summary>
[EnableRateLimiting(RateLimits.AccountForms)]
public class ForgotPasswordModel(
    AppDbContext db, UserManager<User> users, IEmailSender email, IOptions<StudyGuideOptions> settings, IStringLocalizer<SharedResource> l, TimeProvider time) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [StringLength(256, ErrorMessage = "Use at most {1} characters.")]
        [EmailAddress(ErrorMessage = "This email address is not valid.")]
        [NoControlCharacters]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var normalized = users.NormalizeEmail(Input.Email.Trim());
        // Not FindByEmailAsync: email is not unique in Identity's eyes (students have none), and it throws on duplicates.
        var user = await db.Users.Where(u => u.NormalizedEmail == normalized).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync();
        if (user is { Email: { } address } && !user.IsSuspendedAt(time.GetUtcNow()))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = ResetLink(user.Id, WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
            string[] lines =
            [
                l["Hello {0},", user.DisplayName],
                "",
                l["Someone, probably you, asked to reset the password of your StudyGuide account ({0}).", user.UserName!],
                l["Open this link within 24 hours to choose a new password:"],
                link,
                "",
                l["If you did not ask for this, ignore this message: your password stays as it is."],
            ];
            await email.SendAsync(address, l["Reset your StudyGuide password"], string.Join("\n", lines), HttpContext.RequestAborted);
        }

        return RedirectToPage(new { Sent = true });
    }

    string ResetLink(string userId, string token)
    {
        var path = Url.Page("/Accounts/ResetPassword", values: new { userId, token })!;
        // Without StudyGuide:PublicUrl the link is built from the request's Host header, which is only
        // trustworthy when AllowedHosts (or the reverse proxy) pins the host name.
        var publicUrl = settings.Value.PublicUrl;
        return string.IsNullOrWhiteSpace(publicUrl)
            ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}{path}"
            : publicUrl.TrimEnd('/') + path;
    }
}
