using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Pages.Discussions;

/// <summary>Loading one post for the edit, delete and history pages: through the thread's access, and only if visible.</summary>
public static class PostPage
{
    public static async Task<(ThreadAccess Access, Post Post)?> FindAsync(AppDbContext db, int threadId, int number, System.Security.Claims.ClaimsPrincipal user, bool tracked = false)
    {
        var access = await ThreadAccess.FindAsync(db, threadId, user);
        if (access is null) return null;
        var posts = tracked ? db.Posts : db.Posts.AsNoTracking();
        var post = await posts.Where(p => p.ThreadId == threadId && p.Number == number).VisibleTo(access).FirstOrDefaultAsync();
        return post is null ? null : (access, post);
    }
}
