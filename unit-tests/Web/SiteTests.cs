using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Web;

public class SiteTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await app.CreateBrowser().GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Over_https_HSTS_asks_browsers_to_remember_for_a_year()
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://studyguide.example") });
        var response = await client.GetAsync("/");
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Over_https_the_sign_in_cookie_is_secure_http_only_and_same_site_lax()
    {
        await app.CreateUserAsync("cookie-check", "correct horse battery");
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://studyguide.example"), AllowAutoRedirect = false });

        var response = await Forms.SignInAsync(client, "cookie-check", "correct horse battery");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("studyguide.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
    }

    [Fact]
    public async Task Cookies_and_form_tokens_are_protected_by_AES_256_GCM_keys_kept_in_the_database()
    {
        await app.CreateUserAsync("gcm-check", "correct horse battery");
        var browser = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(browser, "gcm-check", "correct horse battery")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);
        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<encryption algorithm=\"AES_256_GCM\"", xml));
    }

    [Fact]
    public async Task Health_is_healthy_when_the_database_answers()
    {
        var response = await app.CreateBrowser().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_pages_get_a_friendly_404()
    {
        var response = await app.CreateBrowser().GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_loads_nothing_from_other_sites()
    {
        var html = await app.CreateBrowser().GetStringAsync("/");
        Assert.DoesNotMatch("""(src|href)="(https?:)?//""", html);
    }

    [Fact]
    public async Task An_unexpected_error_shows_a_friendly_page_without_a_stack_trace()
    {
        var response = await WithFailingEndpoint(new InvalidOperationException("secret detail")).GetAsync("/__test/fail");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("secret detail", html);
        Assert.DoesNotContain("InvalidOperationException", html);
    }

    [Fact]
    public async Task A_database_that_stays_unreachable_after_retries_gets_a_friendly_503()
    {
        var unreachable = new RetryLimitExceededException("retries exhausted", new TimeoutException());
        var response = await WithFailingEndpoint(unreachable).GetAsync("/__test/fail");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("cannot reach its database", await response.Content.ReadAsStringAsync());
    }

    HttpClient WithFailingEndpoint(Exception error) =>
        app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
                services.AddTransient<IStartupFilter>(_ => new FailingEndpoint(error))))
            .CreateClient();

    /// <summary>Appends, after the app's own pipeline, a path that throws: the app's exception handler must catch it.</summary>
    sealed class FailingEndpoint(Exception error) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/__test/fail", branch => branch.Run(_ => throw error));
        };
    }
}
