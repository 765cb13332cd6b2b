using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using StudyGuide.Tests.Discussions;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Moderation;

/// <summary>
/// Every moderation page and handler, found in the app's endpoint table (every route with "moderation" in it), refuses
/// those who may not moderate: a member of the group is refused (403), a facilitator of another group finds nothing
/// (404), and a visitor is sent to sign in. A new moderation page or handler is covered without editing this test.
/// </summary>
public class ModerationEndpointTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    static bool IsModeration(PageEndpoint page) => page.Route.Contains("moderation", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task Every_site_moderation_page_requires_the_admin_or_moderator_role()
    {
        var sitePages = (await PageEndpoints.AllAsync(app)).Where(p => p.Route.StartsWith("/moderation", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sitePages);
        foreach (var page in sitePages)
        {
            var policy = await PageEndpoints.PolicyOfAsync(app, page);
            Assert.True(policy is not null, $"{page.Route} can be opened without signing in");
            var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList();
            Assert.True(roles.Count > 0 && roles.All(r => r is Roles.Admin or Roles.Moderator), $"{page.Route} does not require a staff role");
        }
    }

    [Fact]
    public async Task Every_moderation_handler_refuses_members_outsiders_and_visitors()
    {
        var teacher = await app.UserAsync("ep-teacher", Roles.Teacher);
        var member = await app.UserAsync("ep-member");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, member);
        var thread = await app.FreeThreadAsync(group, teacher);
        var post = await app.PostAsync(thread, teacher, "A post to act on");
        var otherTeacher = await app.UserAsync("ep-other", Roles.Teacher);
        await app.GroupAsync(otherTeacher);

        var memberBrowser = await app.SignedInAsync(member);
        var outsiderBrowser = await app.SignedInAsync(otherTeacher);
        var visitor = app.CreateBrowser();
        var memberToken = Forms.AntiforgeryToken(await DiscussionWorld.ReadAsync(memberBrowser, "/"));
        var outsiderToken = Forms.AntiforgeryToken(await DiscussionWorld.ReadAsync(outsiderBrowser, "/"));

        var pages = (await PageEndpoints.AllAsync(app)).Where(IsModeration).ToList();
        // The thread's and the post's pages, and the group's queue, log and tools, and the site's: if routes are renamed, say so.
        Assert.True(pages.Count >= 6, "Only these moderation pages were found: " + string.Join(", ", pages.Select(p => p.Route)));

        var checkedRequests = 0;
        foreach (var page in pages)
        {
            var path = Fill(page.Route, group.Id, thread.Id, post.Number, member.Id);
            var isSitePage = page.Route.StartsWith("/moderation", StringComparison.Ordinal);
            foreach (var handler in page.Handlers)
            {
                var url = handler.Name is null ? path : path + (path.Contains('?') ? "&" : "?") + "handler=" + handler.Name;
                var isPost = string.Equals(handler.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase);
                Task<HttpResponseMessage> Send(HttpClient browser, string? token) => isPost
                    ? GroupWorld.PostFormAsync(browser, url, token ?? "", new Dictionary<string, string>())
                    : browser.GetAsync(url);

                var asMember = await Send(memberBrowser, memberToken);
                Assert.True(asMember.StatusCode == HttpStatusCode.Redirect && Forms.RedirectPath(asMember).StartsWith("/account/access-denied", StringComparison.Ordinal),
                    $"{handler.HttpMethod} {url} as a member answered {(int)asMember.StatusCode} {Forms.RedirectPath(asMember)}");

                var asOutsider = await Send(outsiderBrowser, outsiderToken);
                if (isSitePage)
                    Assert.True(Forms.RedirectPath(asOutsider).StartsWith("/account/access-denied", StringComparison.Ordinal),
                        $"{handler.HttpMethod} {url} as another group's facilitator answered {(int)asOutsider.StatusCode}");
                else
                    Assert.True(asOutsider.StatusCode == HttpStatusCode.NotFound,
                        $"{handler.HttpMethod} {url} as another group's facilitator answered {(int)asOutsider.StatusCode} {Forms.RedirectPath(asOutsider)}");

                if (!isPost)
                {
                    var asVisitor = await visitor.GetAsync(url);
                    Assert.True(Forms.RedirectPath(asVisitor).StartsWith("/account/sign-in", StringComparison.Ordinal), $"GET {url} as a visitor answered {(int)asVisitor.StatusCode}");
                }
                checkedRequests++;
            }
        }
        Assert.True(checkedRequests >= pages.Count);
        // Nothing changed on the way.
        Assert.Empty(await app.WithDbAsync(db => Task.FromResult(db.ModerationLog.Where(e => e.GroupId == group.Id).ToList())));
    }

    /// <summary>The route with the group's, the thread's, the post's and the member's values in its parameters.</summary>
    static string Fill(string route, int groupId, int threadId, int postNumber, string userId)
    {
        var id = route.StartsWith("/threads", StringComparison.Ordinal) ? threadId : groupId;
        var parts = route.Split('/').Select(part =>
        {
            if (!part.StartsWith('{')) return part;
            var name = part.Trim('{', '}', '?').Split(':')[0];
            return name switch
            {
                "id" => id.ToString(CultureInfo.InvariantCulture),
                "number" => postNumber.ToString(CultureInfo.InvariantCulture),
                _ => userId,
            };
        });
        return string.Join('/', parts);
    }
}
