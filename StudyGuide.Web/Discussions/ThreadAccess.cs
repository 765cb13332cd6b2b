using System.Data.Common;
using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Discussions;

/// <summary>
/// A thread as one reader may see it. Pages load threads only through <see cref="FindAsync"/> and answer
/// 404 when it returns null: a thread in a group the reader is not in does not exist for them.
/// </summary>
public sealed class ThreadAccess(DiscussionThread thread, GroupAccess group, ReflectionMode mode, bool hasPosted, int? lastReadNumber = null)
{
    public DiscussionThread Thread { get; } = thread;
    public GroupAccess Group { get; } = group;
    public string UserId => Group.UserId;

    /// <summary>Open for free threads; the assignment's mode for reflection threads.</summary>
    public ReflectionMode Mode { get; } = mode;

    /// <summary>Whether the reader has a post of their own in the thread (the post-first gate).</summary>
    public bool HasPosted { get; } = hasPosted;

    /// <summary>How far the reader had read before this request; null before their first visit.</summary>
    public int? LastReadNumber { get; } = lastReadNumber;

    public bool IsFacilitator => Group.IsFacilitator;

    /// <summary>True when nothing in the thread is hidden from this reader: pages are plain number ranges.</summary>
    public bool SeesEverything => PostVisibility.SeesEverything(Mode, IsFacilitator, HasPosted);

    /// <summary>Facilitators read a private thread student by student.</summary>
    public bool GroupedByStudent => Mode == ReflectionMode.Private && IsFacilitator;

    // The reader's thread and group, role, reflection mode, gate and read position: one row.
    const string AccessSql = """
        SELECT t.id, t.group_id, t.kind, t.assignment_id, t.title, t.created_at, t.created_by_user_id,
               t.last_post_number, t.last_post_at, t.activity_at, t.member_activity_at,
               g.name, g.description, g.kind, g.time_zone, g.member_list_visibility,
               g.only_facilitators_start_threads, g.join_code, g.created_at, g.created_by_user_id,
               (SELECT m.role FROM memberships m WHERE m.group_id = t.group_id AND m.user_id = @user),
               (SELECT a.reflection_mode FROM assignments a WHERE a.id = t.assignment_id),
               EXISTS (SELECT 1 FROM posts p WHERE p.author_id = @user AND p.thread_id = t.id),
               (SELECT r.last_read_number FROM thread_reads r WHERE r.user_id = @user AND r.thread_id = t.id)
        FROM threads t JOIN groups g ON g.id = t.group_id
        WHERE t.id = @thread
        """;

    // A page of a reader who sees everything: a range scan on (thread_id, number). Numbers have no gaps,
    // so "the next @count after @after" is the page's range; written as a limit, not as an upper bound,
    // because the statement is prepared and PostgreSQL's generic plan guesses one row for a range of two
    // parameters. On that guess it hashed the page's posts, bodies and all, and sorted them again; with a
    // limit it reads the index in order and looks each author up (measured in bench/RESULTS.md). The
    // reader below still stops at the range's end.
    const string PageSql = """
        ;
        SELECT p.id, p.number, p.author_id, u.display_name, p.body_html, p.created_at, p.edited_at,
               p.deleted_at, p.reply_to_number, p.visible_to_user_id
        FROM posts p JOIN users u ON u.id = p.author_id
        WHERE p.thread_id = @thread AND p.number > @after
        ORDER BY p.number
        LIMIT @count
        """;

    // The posts read with the access row, and the page they were read for (0: none).
    IReadOnlyList<PostRow> pagePosts = [];
    int pagePostsPage;

    /// <summary>The thread, the reader's role in its group, the reflection mode, the gate and the read position, in one query.</summary>
    public static Task<ThreadAccess?> FindAsync(AppDbContext db, int threadId, ClaimsPrincipal user) => FindAsync(db, threadId, user, page: null);

    /// <summary>
    /// As <see cref="FindAsync(AppDbContext, int, ClaimsPrincipal)"/>, and in the same round trip the posts
    /// numbered as page <paramref name="page"/> would be for a reader who sees everything: on this kind of
    /// machine a round trip to PostgreSQL costs a thread page more than anything else it does
    /// (bench/RESULTS.md). Who may see those posts is only known once the row is read, so they are kept
    /// back unless this reader sees everything (<see cref="PostsOfPage"/>). Sent without EF, which cannot
    /// send two queries at once: the SQL names the columns of the entities' tables, and a test compares
    /// what it reads with what EF reads.
    /// </summary>
    public static async Task<ThreadAccess?> FindAsync(AppDbContext db, int threadId, ClaimsPrincipal user, int? page)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        var isAdmin = user.IsInRole(Roles.Admin);
        var withPage = page is >= 1;
        var (after, through) = withPage ? ThreadPaging.NumberRange(page!.Value) : (0, 0);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = withPage ? AccessSql + PageSql : AccessSql;
                Add(command, "thread", threadId);
                Add(command, "user", userId);
                if (withPage)
                {
                    Add(command, "after", after);
                    Add(command, "count", through - after);
                }
                DbCommandObserver.ReportSentWithoutEf(db, command);
                await using var reader = await command.ExecuteReaderAsync();
                if (!await reader.ReadAsync()) return null;
                var access = ReadAccess(reader, userId, isAdmin);
                if (access is null || !withPage) return access;
                await reader.NextResultAsync();
                var posts = new List<PostRow>(through - after);
                while (await reader.ReadAsync())
                {
                    var post = ReadPost(reader);
                    if (post.Number > through) break; // only if numbers had a gap: the rest is on later pages
                    posts.Add(post);
                }
                access.pagePosts = posts;
                access.pagePostsPage = page!.Value;
                return access;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    /// <summary>The posts of page <paramref name="page"/> read with the access row, or null when they were not read or this reader's pages are not number ranges.</summary>
    public IReadOnlyList<PostRow>? PostsOfPage(int page) =>
        page == pagePostsPage && ThreadPosts.UsesNumberRanges(this) ? pagePosts : null;

    static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // Column by column as AccessSql lists them.
    static ThreadAccess? ReadAccess(DbDataReader r, string userId, bool isAdmin)
    {
        MembershipRole? role = r.IsDBNull(20) ? null : Enum.Parse<MembershipRole>(r.GetString(20));
        if (role is null && !isAdmin) return null;
        var thread = new DiscussionThread
        {
            Id = r.GetInt32(0),
            GroupId = r.GetInt32(1),
            Kind = Enum.Parse<ThreadKind>(r.GetString(2)),
            AssignmentId = r.IsDBNull(3) ? null : r.GetInt32(3),
            Title = r.GetString(4),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(5),
            CreatedByUserId = r.GetString(6),
            LastPostNumber = r.GetInt32(7),
            LastPostAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
            ActivityAt = r.GetFieldValue<DateTimeOffset>(9),
            MemberActivityAt = r.GetFieldValue<DateTimeOffset>(10),
        };
        var group = new Group
        {
            Id = thread.GroupId,
            Name = r.GetString(11),
            Description = r.GetString(12),
            Kind = Enum.Parse<GroupKind>(r.GetString(13)),
            TimeZone = r.GetString(14),
            MemberListVisibility = Enum.Parse<MemberListVisibility>(r.GetString(15)),
            OnlyFacilitatorsStartThreads = r.GetBoolean(16),
            JoinCode = r.IsDBNull(17) ? null : r.GetString(17),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(18),
            CreatedByUserId = r.GetString(19),
        };
        var mode = r.IsDBNull(21) ? ReflectionMode.Open : Enum.Parse<ReflectionMode>(r.GetString(21));
        int? lastRead = r.IsDBNull(23) ? null : r.GetInt32(23);
        return new ThreadAccess(thread, new GroupAccess(group, userId, role, isAdmin), mode, r.GetBoolean(22), lastRead);
    }

    static PostRow ReadPost(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
        r.IsDBNull(8) ? null : r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9));

    public bool CanSee(Post post) => CanSee(post.AuthorId, post.VisibleToUserId);

    public bool CanSee(string authorId, string? visibleToUserId) => PostVisibility.CanSee(authorId, visibleToUserId, this);

    /// <summary>Only the author edits or deletes a post, and a deleted post stays deleted.</summary>
    public bool CanEdit(Post post) => CanEdit(post.AuthorId, post.DeletedAt);

    public bool CanEdit(string authorId, DateTimeOffset? deletedAt) => authorId == UserId && deletedAt is null;

    /// <summary>Facilitators read every revision; an author reads the revisions of their own posts.</summary>
    public bool CanReadHistory(Post post) => CanReadHistory(post.AuthorId);

    public bool CanReadHistory(string authorId) => IsFacilitator || authorId == UserId;
}

/// <summary>
/// The one rule for who sees which post of a thread. Every query that reads posts goes through
/// <see cref="VisibleTo"/> (pages, counts, permalinks, quotes, history); tests use <see cref="CanSee"/>.
/// </summary>
public static class PostVisibility
{
    public static bool SeesEverything(ReflectionMode mode, bool isFacilitator, bool hasPosted) =>
        mode == ReflectionMode.Open || isFacilitator || (mode == ReflectionMode.PostFirst && hasPosted);

    public static bool CanSee(string authorId, string? visibleToUserId, ThreadAccess reader) =>
        reader.SeesEverything
        || authorId == reader.UserId
        || (reader.Mode == ReflectionMode.Private && visibleToUserId == reader.UserId);

    public static IQueryable<Post> VisibleTo(this IQueryable<Post> posts, ThreadAccess reader) =>
        posts.Where(Predicate(reader));

    static Expression<Func<Post, bool>> Predicate(ThreadAccess reader)
    {
        var userId = reader.UserId;
        if (reader.SeesEverything) return p => true;
        // Post-first before posting: only one's own. Private: one's own and the facilitators' replies to one.
        return reader.Mode == ReflectionMode.Private
            ? p => p.AuthorId == userId || p.VisibleToUserId == userId
            : p => p.AuthorId == userId;
    }
}
