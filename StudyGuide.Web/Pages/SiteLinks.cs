using System.Collections.Concurrent;
using System.Globalization;

namespace StudyGuide.Web.Pages;

/// <summary>
/// The paths of the pages every request links to (the site and group menus, the thread list's rows, the
/// thread page's own links), routed once from the page's name and kept: as anchor tag helpers, routed for
/// every link of every page, they were a tenth of a thread page's allocations (bench/RESULTS.md). A page
/// with an <c>{id}</c> is kept with a stand-in id that each link replaces. Other pages link with
/// <c>asp-page</c>. The app sets no path base, so a routed path is the link.
/// </summary>
public sealed class SiteLinks(LinkGenerator links)
{
    const int IdStandIn = int.MaxValue;
    static readonly string IdStandInText = IdStandIn.ToString(CultureInfo.InvariantCulture);

    readonly ConcurrentDictionary<string, string> paths = new();
    readonly ConcurrentDictionary<string, string> pathsWithId = new();

    public string To(string page) =>
        paths.GetOrAdd(page, static (page, links) => links.GetPathByPage(page) ?? throw NoRoute(page), links);

    public string To(string page, int id) =>
        pathsWithId.GetOrAdd(page, static (page, links) => links.GetPathByPage(page, values: new { id = IdStandIn }) ?? throw NoRoute(page), links)
            .Replace(IdStandInText, id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    static InvalidOperationException NoRoute(string page) => new($"No route to the page {page}.");
}
