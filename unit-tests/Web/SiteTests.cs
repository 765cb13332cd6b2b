using System.Net;
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
}
