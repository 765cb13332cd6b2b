using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Pages.Me;

/// <summary>
/// The private calendar feed. Only a hash of its token is kept, so the address is shown once,
/// in the answer to the POST that makes it; making a new one ends the old address.
/// </summary>
public class CalendarModel(AppDbContext db, TimeProvider time) : PageModel
{
    public DateTimeOffset? FeedCreatedAt { get; private set; }
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        FeedCreatedAt = await db.CalendarFeeds.Where(f => f.UserId == userId).Select(f => (DateTimeOffset?)f.CreatedAt).FirstOrDefaultAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = time.GetUtcNow();
        var token = await Calendars.RegenerateAsync(db, userId, now);
        FeedCreatedAt = now;
        FeedUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}{Calendars.FeedPath(token)}";
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
