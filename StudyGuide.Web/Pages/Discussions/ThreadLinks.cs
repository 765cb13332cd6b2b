using System.Globalization;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>
/// The thread page's links to itself and to its posts, made once from the pages' routes (LinkGenerator) with
/// stand-in numbers for the thread, the page and the post, which each page then fills in (<see cref="PostArticles"/>):
/// routing every link of every post of every page again cost a thread page more than writing them. Razor Pages
/// keeps the route value "page" for the page's own name, so every link to a thread's page N comes from here.
/// </summary>
public sealed class ThreadLinks
{
    // Ten digits each: no route or query the pages have makes these out of anything else.
    const int ThreadStandIn = int.MaxValue - 2, PageStandIn = int.MaxValue - 1, PostStandIn = int.MaxValue;

    public static readonly string Thread = ThreadStandIn.ToString(CultureInfo.InvariantCulture);
    public static readonly string Page = PageStandIn.ToString(CultureInfo.InvariantCulture);
    public static readonly string Post = PostStandIn.ToString(CultureInfo.InvariantCulture);

    public ThreadLinks(LinkGenerator links)
    {
        string ToPost(string page) => links.GetPathByPage(page, values: new { id = ThreadStandIn, number = PostStandIn })
            ?? throw new InvalidOperationException($"No route to {page}.");
        Permalink = ToPost("/Discussions/Permalink");
        Edit = ToPost("/Discussions/Edit");
        Delete = ToPost("/Discussions/Delete");
        History = ToPost("/Discussions/History");
        Report = ToPost("/Discussions/Report");
        Moderate = ToPost("/Discussions/ModeratePost");
        var thread = links.GetPathByPage("/Discussions/Thread", values: new { id = ThreadStandIn })
            ?? throw new InvalidOperationException("No route to /Discussions/Thread.");
        // Razor Pages keeps the route value "page" for the page's name, so the thread page's ?page= is a query here.
        var page = KeyValuePair.Create("page", (string?)Page);
        ThisPage = thread + QueryString.Create([page]);
        Reply = thread + QueryString.Create([page, KeyValuePair.Create("reply", (string?)Post)]) + "#reply";
        Quote = thread + QueryString.Create([page, KeyValuePair.Create("quote", (string?)Post)]) + "#reply";
    }

    /// <summary>Page <paramref name="page"/> of a thread, for links and redirects outside the posts' own.</summary>
    public string ToPage(HttpRequest request, int threadId, int page, string? fragment = null) =>
        request.PathBase
        + ThisPage.Replace(Thread, threadId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(Page, page.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        + (fragment is null ? "" : "#" + fragment);

    public string ThisPage { get; }
    public string Permalink { get; }
    public string Edit { get; }
    public string Delete { get; }
    public string History { get; }
    public string Report { get; }
    public string Moderate { get; }
    public string Reply { get; }
    public string Quote { get; }
}
