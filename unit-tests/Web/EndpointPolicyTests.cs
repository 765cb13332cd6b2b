using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Web;

/// <summary>
/// Proves from the app's own endpoint table (not from a list someone keeps up to date) that staff
/// pages carry their policy, account pages need a signed-in user, and no form skips antiforgery.
/// </summary>
public class EndpointPolicyTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static readonly string[] AnonymousAccountPages =
    [
        "/account/sign-in",
        "/account/sign-in/two-factor",
        "/account/register",
        "/account/forgot-password",
        "/account/reset-password",
        "/account/access-denied",
    ];

    Task<AuthorizationPolicy?> PolicyOfAsync(PageEndpoint page) => PageEndpoints.PolicyOfAsync(app, page);

    [Fact]
    public async Task Every_admin_page_requires_the_admin_role()
    {
        var adminPages = (await PageEndpoints.AllAsync(app))
            .Where(p => p.Route.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) || p.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(adminPages);

        foreach (var page in adminPages)
        {
            var policy = await PolicyOfAsync(page);
            Assert.True(policy is not null, $"{page.Route} can be opened without signing in");
            var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().ToList();
            Assert.True(roles.Count > 0 && roles.All(r => r.AllowedRoles.SequenceEqual([Roles.Admin])),
                $"{page.Route} does not require the {Roles.Admin} role");
        }
    }

    [Fact]
    public async Task Every_account_page_except_the_sign_in_ones_requires_a_signed_in_user()
    {
        var accountPages = (await PageEndpoints.AllAsync(app))
            .Where(p => p.Route.StartsWith("/account", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Contains(accountPages, p => p.Route == "/account/two-factor");

        foreach (var page in accountPages)
        {
            var policy = await PolicyOfAsync(page);
            if (AnonymousAccountPages.Contains(page.Route))
            {
                Assert.True(policy is null, $"{page.Route} should be open to visitors");
                continue;
            }
            Assert.True(policy is not null, $"{page.Route} can be opened without signing in");
            Assert.Contains(policy.Requirements, r => r is DenyAnonymousAuthorizationRequirement or RolesAuthorizationRequirement);
        }
    }

    [Fact]
    public async Task No_page_except_the_error_page_skips_antiforgery()
    {
        var pages = await PageEndpoints.AllAsync(app);

        var skipping = pages
            .Where(p => p.Metadata.GetOrderedMetadata<IAntiforgeryPolicy>().LastOrDefault() is IgnoreAntiforgeryTokenAttribute
                || p.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false })
            .Select(p => p.Route)
            .ToList();

        Assert.All(skipping, route => Assert.StartsWith("/error", route));
        // The check is only worth something if it can see the attribute where it is used.
        Assert.Contains(pages, p => p.Route.StartsWith("/error", StringComparison.Ordinal) && p.Metadata.GetMetadata<IgnoreAntiforgeryTokenAttribute>() is not null);
    }
}
