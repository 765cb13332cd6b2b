using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Tests.Web;

public partial class SiteTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
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

    [Theory]
    [InlineData("en", "A study guide and discussion space about the documentary The Social Dilemma")]
    [InlineData("fr", "Un guide d'étude et un espace de discussion autour du documentaire The Social Dilemma")]
    public async Task The_home_page_describes_the_site_in_the_readers_language(string language, string description)
    {
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/"));

        Assert.StartsWith(description, page.QuerySelector("head meta[name=description]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Browsers_that_ask_for_favicon_ico_get_an_icon()
    {
        var response = await app.CreateBrowser().GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Pages_link_the_site_icon_from_the_site_itself()
    {
        var browser = app.CreateBrowser();
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/"));

        var icon = page.QuerySelector("head link[rel=icon]")?.GetAttribute("href");

        Assert.NotNull(icon);
        var response = await browser.GetAsync(icon);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task No_page_a_visitor_can_open_loads_anything_from_another_site()
    {
        var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var library = app.Services.GetRequiredService<ServedCurriculum>().Library;
        var slugs = new Dictionary<string, string>
        {
            ["/modules/"] = library.Modules(CurriculumLibrary.DefaultLanguage)[0].Slug,
            ["/guides/"] = library.Guides(CurriculumLibrary.DefaultLanguage)[0].Slug,
        };
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal);

        var visited = new List<string>();
        foreach (var route in routes)
        {
            var url = RouteParameter().Replace(route, parameter =>
                parameter.Value.EndsWith("?}", StringComparison.Ordinal) ? ""
                : slugs.FirstOrDefault(s => route.StartsWith(s.Key, StringComparison.Ordinal)).Value ?? "1");
            var response = await browser.GetAsync(url.Length > 1 ? url.TrimEnd('/') : url);
            // Pages for signed-in people send a visitor to sign in; everything else is checked, error pages included.
            if (Forms.RedirectPath(response).StartsWith("/account/sign-in?", StringComparison.Ordinal)) continue;
            var foreign = ForeignLoads(await response.Content.ReadAsStringAsync());
            Assert.True(foreign.Count == 0, $"{url} loads from other sites: {string.Join(", ", foreign)}");
            visited.Add(route);
        }

        // The pages a visitor surely opens: a visit that checked none of them proves nothing.
        Assert.Superset(new HashSet<string>(["/", "/about/ordering", "/modules", "/modules/{slug}", "/guides", "/search",
            "/account/sign-in", "/account/register", "/account/forgot-password", "/join/{code?}"]), visited.ToHashSet());
    }

    [Fact]
    public void Foreign_loads_are_found_whatever_the_quotes()
    {
        Assert.Equal(
            ["https://cdn.example/a.css", "//cdn.example/b.js", "http://img.example/c.png", "https://img.example/d.png", "https://fonts.example/e.woff"],
            ForeignLoads("""
                <link rel=stylesheet href='https://cdn.example/a.css'><script src=//cdn.example/b.js></script>
                <img src="http://img.example/c.png" srcset='/local.png 1x, https://img.example/d.png 2x'>
                <div style="background: url('https://fonts.example/e.woff')"></div>
                <a href='https://elsewhere.example/'>a link loads nothing</a><img src='/own.png'><link rel=icon href=/favicon.ico>
                """));
    }

    /// <summary>Every URL the page would fetch (stylesheets, scripts, images, frames, media, forms, inline CSS) that names a host.</summary>
    static List<string> ForeignLoads(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var urls = new List<string>();
        foreach (var element in document.All)
        {
            foreach (var name in (string[])["src", "poster", "data", "action", "formaction", "background"])
                if (element.GetAttribute(name) is { } value) urls.Add(value);
            if (element.LocalName == "link" && element.GetAttribute("href") is { } href) urls.Add(href);
            if (element.GetAttribute("srcset") is { } srcset)
                urls.AddRange(srcset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split(' ')[0]));
            var css = (element.GetAttribute("style") ?? "") + (element.LocalName == "style" ? element.TextContent : "");
            urls.AddRange(CssUrl().Matches(css).Select(m => m.Groups["url"].Value));
        }
        return urls.Select(u => u.Trim()).Where(NamesAHost).ToList();
    }

    static bool NamesAHost(string url) =>
        url.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && uri.Scheme != Uri.UriSchemeFile;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("""url\(\s*['"]?(?<url>[^'")\s]+)|@import\s+['"](?<url>[^'"]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

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
