using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Groups;

/// <summary>Proves from the app's own endpoint table that no group or personal page opens for a visitor.</summary>
public partial class GroupEndpointTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Every_group_and_personal_page_sends_a_visitor_to_sign_in()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(r => r.StartsWith("/groups", StringComparison.Ordinal) || r.StartsWith("/me", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Contains("/groups/{id:int}/progress", routes);
        Assert.Contains("/groups/{groupId:int}/assignments/{assignmentId:int}.ics", routes);
        Assert.Contains("/me/work", routes);

        var browser = app.CreateBrowser();
        foreach (var route in routes)
        {
            var url = RouteParameter().Replace(route, "1");
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode} to a visitor");
            Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery);
        }
    }
}
