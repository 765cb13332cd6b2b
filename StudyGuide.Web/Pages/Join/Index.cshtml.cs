using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Pages.Join;

/// <summary>
/// /join (type a code) and /join/{code} (the join link). Joining needs an account: a signed-in
/// person joins with one button; a visitor signs in or creates an account on the spot, which a
/// valid code allows even when open registration is off. Every lookup is rate-limited.
/// </summary>
[EnableRateLimiting(RateLimits.JoinCodes)]
public class IndexModel(AppDbContext db, UserManager<User> users, SignInManager<User> signIn, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? TypedCode { get; set; }

    [BindProperty]
    public RegisterInput Register { get; set; } = new();

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Choose a username.")]
        [StringLength(32, MinimumLength = 3, ErrorMessage = "Use between {2} and {1} characters.")]
        [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Use only letters, digits, dots, hyphens and underscores.")]
        [NoControlCharacters]
        [Display(Name = "Username")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(StudyGuide.Web.Accounts.User.DisplayNameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [NoControlCharacters]
        [Display(Name = "Your name, as others in the group will see it")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }

    public Group? Group { get; private set; }
    public bool AlreadyMember { get; private set; }
    public bool CodeWasWrong { get; private set; }
    public string? DisplayCode => Group?.JoinCode is { } code ? JoinCodes.Display(code) : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Code is null) return Page();
        return await FindGroupAsync() ? Page() : WrongCode();
    }

    /// <summary>The /join form: takes the typed code to its join link.</summary>
    public IActionResult OnPostTypeCode()
    {
        ModelState.Clear();
        var code = JoinCodes.Normalise(TypedCode);
        if (code is null)
        {
            ModelState.AddModelError(nameof(TypedCode), l["A join code has 8 letters and digits, like ABCD-EF23. Check it and try again."]);
            return Page();
        }
        return RedirectToPage("/Join/Index", new { code = JoinCodes.Display(code) });
    }

    public async Task<IActionResult> OnPostJoinAsync()
    {
        ModelState.Clear();
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await FindGroupAsync()) return WrongCode();
        if (AlreadyMember) return RedirectToPage("/Groups/Home", new { id = Group!.Id });

        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await GroupAccess.MayJoinAsync(db, user, Group!.Id))
        {
            ModelState.AddModelError(string.Empty, l["Your account was made by a teacher, so it can only join that teacher's groups. Ask your teacher for help."]);
            return Page();
        }
        await AddMemberAsync(user.Id);
        return RedirectToPage("/Groups/Home", new { id = Group.Id });
    }

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        if (User.Identity?.IsAuthenticated == true) return await OnPostJoinAsync();
        if (!await FindGroupAsync()) return WrongCode();
        if (!ModelState.IsValid) return Page();

        var now = time.GetUtcNow();
        var user = new User { UserName = Register.UserName.Trim(), DisplayName = Register.DisplayName.Trim(), CreatedAt = now };
        // The account and the membership are made together: a refused password leaves nothing behind.
        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var created = await users.CreateAsync(user, Register.Password);
            if (!created.Succeeded) return created;
            db.Memberships.Add(new Membership { GroupId = Group!.Id, UserId = user.Id, Role = MembershipRole.Member, JoinedAt = now });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return created;
        });
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == "CommonPassword" ? "Register.Password" : "Register.UserName", error.Description);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Groups/Home", new { id = Group!.Id });
    }

    async Task<bool> FindGroupAsync()
    {
        var code = JoinCodes.Normalise(Code);
        if (code is null) return false;
        Group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.JoinCode == code);
        if (Group is null) return false;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        AlreadyMember = userId is not null && await db.Memberships.AnyAsync(m => m.GroupId == Group.Id && m.UserId == userId);
        return true;
    }

    Task AddMemberAsync(string userId)
    {
        db.Memberships.Add(new Membership { GroupId = Group!.Id, UserId = userId, Role = MembershipRole.Member, JoinedAt = time.GetUtcNow() });
        return db.SaveChangesAsync();
    }

    /// <summary>A clear page, with the 404 status so a wrong code reads the same as a code that never existed.</summary>
    PageResult WrongCode()
    {
        ModelState.Clear();
        CodeWasWrong = true;
        Group = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
