using System.Runtime.ExceptionServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Pages;

namespace StudyGuide.Web.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<User, IdentityRole>(options =>
            {
                // Length over composition (NIST SP 800-63B): no character-class rules, a common-password list instead.
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                // Students have no email address, so email cannot be required to be unique by Identity.
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager<StudyGuideSignInManager>()
            .AddClaimsPrincipalFactory<UserClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<StaffPasswordValidator>();

        // The password validators add their own messages through the same describer.
        services.AddScoped(provider => (LocalizedIdentityErrorDescriber)provider.GetRequiredService<IdentityErrorDescriber>());

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "studyguide.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (behind a proxy: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = RejectChangedOrSuspendedUserAsync;
        });

        services.AddSingleton<AccountChecks>();
        services.AddHostedService(provider => provider.GetRequiredService<AccountChecks>());

        // Its settings are StudyGuide:Smtp, part of StudyGuideOptions.
        services.AddSingleton<IEmailSender, EmailSender>();
        return services;
    }

    /// <summary>
    /// Runs on every authenticated request, so a suspended, removed or password-changed account loses
    /// access on its next request (Identity's own validator re-checks only every 30 minutes, and
    /// re-issues the cookie when it does). The account's row is read once and then kept until it
    /// changes (<see cref="AccountChecks"/>). The same check tells <see cref="MustChangePasswordFilter"/>
    /// whether a new password is due.
    /// </summary>
    static async Task RejectChangedOrSuspendedUserAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType);
        if (userId is null) return;

        var services = context.HttpContext.RequestServices;
        AccountCheck? current;
        try
        {
            current = await services.GetRequiredService<AccountChecks>().GetAsync(services.GetRequiredService<AppDbContext>(), userId);
        }
        catch (Exception e) when (ErrorModel.IsDatabaseUnavailable(e))
        {
            // Thrown from here, the failure would be kept with the request's sign-in and thrown again when the 503 page is
            // re-executed, which then answers an empty 500. The request goes on signed out, and ThrowAccountCheckFailure,
            // the next middleware, throws it from outside authentication.
            context.HttpContext.Items[AccountCheckFailureKey] = ExceptionDispatchInfo.Capture(e);
            context.RejectPrincipal();
            return;
        }

        // A suspension that has ended lets the person back in by itself; the stamp is unchanged, so the cookie still holds.
        if (current is null || current.IsSuspendedAt(services.GetRequiredService<TimeProvider>().GetUtcNow()) || current.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        if (current.MustChangePassword) context.HttpContext.Items[MustChangePasswordFilter.ItemKey] = true;
    }

    const string AccountCheckFailureKey = "StudyGuide.AccountCheckFailure";

    /// <summary>Middleware after UseAuthentication: the account check's database failure, as the request's own exception.</summary>
    public static Task ThrowAccountCheckFailure(HttpContext context, RequestDelegate next)
    {
        if (context.Items.Remove(AccountCheckFailureKey, out var failure)) ((ExceptionDispatchInfo)failure!).Throw();
        return next(context);
    }
}
