using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>
/// Links to one page of a thread. Razor Pages reserves the route value "page" for the page's own name,
/// so <c>Url.Page(…, new { page = 2 })</c> drops it: the thread's page number is added to the query here.
/// </summary>
public static class ThreadLinks
{
    public static string ThreadPage(this IUrlHelper url, int threadId, int page, string? fragment = null) =>
        url.Page("/Discussions/Thread", new { id = threadId })
        + "?page=" + page.ToString(CultureInfo.InvariantCulture)
        + (fragment is null ? "" : "#" + fragment);
}
