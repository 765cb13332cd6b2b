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

    /// <summary>Facilitators and site staff: they read every post of the thread, removed and hidden ones included, and act on them.</summary>
    public bool MayModerate => Group.MayModerate;

    /// <summary>True when nothing in the thread is hidden from this reader: pages are plain number ranges.</summary>
    public bool SeesEverything => PostVisibility.SeesEverything(Mode, MayModerate, HasPosted);

    /// <summary>The end of the reader's mute in the thread's group, if they have one (it may have ended: <see cref="IsMutedAt"/>).</summary>
    public DateTimeOffset? MutedUntil { get; init; }
    public string? MuteReason { get; init; }

    public bool IsMutedAt(DateTimeOffset now) => MutedUntil > now;

    /// <summary>The reader's latest post in the thread (slow mode counts from it).</summary>
    public DateTimeOffset? LastOwnPostAt { get; init; }

    /// <summary>How many of the reader's own posts and edits in this thread wait for approval or were refused.</summary>
    public int OwnHeldPosts { get; init; }

    /// <summary>How many posts and edits in this thread wait for approval (shown to moderators only).</summary>
    public int HeldPostsWaiting { get; init; }

    /// <summary>Members do not post in a locked thread; its moderators still may.</summary>
    public bool IsLockedFor => Thread.LockedAt is not null && !MayModerate;

    /// <summary>When slow mode lets this reader post again, or null when they may post now.</summary>
    public DateTimeOffset? NextPostAllowedAt(DateTimeOffset now) =>
        !MayModerate && Thread.SlowModeMinutes is { } minutes && LastOwnPostAt is { } last && last.AddMinutes(minutes) > now
            ? last.AddMinutes(minutes)
            : null;

    /// <summary>Facilitators read a private thread student by student.</summary>
    public bool GroupedByStudent => Mode == ReflectionMode.Private && IsFacilitator;

    // The reader's thread and group, role, reflection mode, gate and read position: one row. Read by column name
    // (ReadAccess); group columns are prefixed, as both tables have id, kind, created_at and created_by_user_id.
    const string AccessSql = """
        SELECT t.id, t.group_id, t.kind, t.assignment_id, t.title, t.created_at, t.created_by_user_id,
               t.last_post_number, t.last_post_at, t.activity_at, t.member_activity_at,
               t.locked_at, t.lock_reason, t.slow_mode_minutes,
               g.name AS group_name, g.description AS group_description, g.kind AS group_kind,
               g.time_zone AS group_time_zone, g.member_list_visibility AS group_member_list_visibility,
               g.only_facilitators_start_threads AS group_only_facilitators_start_threads, g.join_code AS group_join_code,
               g.pre_moderation AS group_pre_moderation, g.report_threshold AS group_report_threshold,
               g.created_at AS group_created_at, g.created_by_user_id AS group_created_by_user_id,
               (SELECT m.role FROM memberships m WHERE m.group_id = t.group_id AND m.user_id = @user) AS membership_role,
               (SELECT a.reflection_mode FROM assignments a WHERE a.id = t.assignment_id) AS reflection_mode,
               EXISTS (SELECT 1 FROM posts p WHERE p.author_id = @user AND p.thread_id = t.id AND p.removed_at IS NULL AND p.hidden_at IS NULL) AS has_posted,
               (SELECT max(p.created_at) FROM posts p WHERE p.author_id = @user AND p.thread_id = t.id) AS last_own_post_at,
               (SELECT r.last_read_number FROM thread_reads r WHERE r.user_id = @user AND r.thread_id = t.id) AS last_read_number,
               mu.until AS muted_until, mu.reason AS mute_reason,
               (SELECT count(*) FROM held_posts h WHERE h.thread_id = t.id AND h.author_id = @user)::int AS own_held_posts,
               (SELECT count(*) FROM held_posts h WHERE h.thread_id = t.id AND h.refused_at IS NULL)::int AS held_posts_waiting
        FROM threads t JOIN groups g ON g.id = t.group_id
             LEFT JOIN group_mutes mu ON mu.group_id = t.group_id AND mu.user_id = @user
        WHERE t.id = @thread
        """;

    // A page of a reader who sees everything: numbers have no gaps, so "the next @count after @after" is the page.
    // A limit, not an upper bound: the prepared statement's generic plan then reads the index in order (bench/RESULTS.md).
    const string PageSql = """
        ;
        SELECT p.id, p.number, p.author_id, u.display_name, p.body_html, p.created_at, p.edited_at,
               p.deleted_at, p.reply_to_number, p.visible_to_user_id,
               p.hidden_at, p.removed_at, p.removal_reason, p.removal_note, p.removed_by_site_staff
        FROM posts p JOIN users u ON u.id = p.author_id
        WHERE p.thread_id = @thread AND p.number > @after
        ORDER BY p.number
        LIMIT @count
        """;

    // The posts read with the access row, and the page they were read for (0: none).
    IReadOnlyList<PostRow> pagePosts = [];
    int pagePostsPage;

    /// <summary>The thread, the reader's role in its group, the reflection mode, the gate and the read position, in one query.</summary>
    public static Task<ThreadAccess?> FindAsync(AppDbContext db, int threadId, ClaimsPrincipal user) => FindAsync(db, threadId, user, paging: null, page: null);

    /// <summary>
    /// As <see cref="FindAsync(AppDbContext, int, ClaimsPrincipal)"/>, and in the same round trip (bench/RESULTS.md) the posts
    /// numbered as page <paramref name="page"/> of <paramref name="paging"/> would be for a reader who sees everything; they
    /// are kept back unless this reader does (<see cref="PostsOfPage"/>). Sent without EF, which cannot send two queries
    /// at once; a test compares what it reads with what EF reads.
    /// </summary>
    public static async Task<ThreadAccess?> FindAsync(AppDbContext db, int threadId, ClaimsPrincipal user, ThreadPaging? paging, int? page)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        var isAdmin = user.IsInRole(Roles.Admin);
        var isSiteModerator = user.IsInRole(Roles.Moderator);
        var withPage = paging is not null && page is >= 1;
        var (after, through) = withPage ? paging!.NumberRange(page!.Value) : (0, 0);
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
                await using var reader = await command.ExecuteReaderAsync();
                if (!await reader.ReadAsync()) return null;
                var access = ReadAccess(reader, userId, isAdmin, isSiteModerator);
                if (access is null || !withPage) return access;
                await reader.NextResultAsync();
                var posts = new List<PostRow>(through - after);
                var columns = PostColumns.Of(reader);
                while (await reader.ReadAsync())
                {
                    var post = columns.Read(reader);
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

    static ThreadAccess? ReadAccess(DbDataReader r, string userId, bool isAdmin, bool isSiteModerator)
    {
        var role = r.EnumOrNull<MembershipRole>("membership_role");
        if (role is null && !isAdmin && !isSiteModerator) return null;
        var thread = new DiscussionThread
        {
            Id = r.Value<int>("id"),
            GroupId = r.Value<int>("group_id"),
            Kind = r.Enum<ThreadKind>("kind"),
            AssignmentId = r.ValueOrNull<int>("assignment_id"),
            Title = r.Value<string>("title"),
            CreatedAt = r.Value<DateTimeOffset>("created_at"),
            CreatedByUserId = r.Value<string>("created_by_user_id"),
            LastPostNumber = r.Value<int>("last_post_number"),
            LastPostAt = r.ValueOrNull<DateTimeOffset>("last_post_at"),
            ActivityAt = r.Value<DateTimeOffset>("activity_at"),
            MemberActivityAt = r.Value<DateTimeOffset>("member_activity_at"),
            LockedAt = r.ValueOrNull<DateTimeOffset>("locked_at"),
            LockReason = r.StringOrNull("lock_reason"),
            SlowModeMinutes = r.ValueOrNull<int>("slow_mode_minutes"),
        };
        var group = new Group
        {
            Id = thread.GroupId,
            Name = r.Value<string>("group_name"),
            Description = r.Value<string>("group_description"),
            Kind = r.Enum<GroupKind>("group_kind"),
            TimeZone = r.Value<string>("group_time_zone"),
            MemberListVisibility = r.Enum<MemberListVisibility>("group_member_list_visibility"),
            OnlyFacilitatorsStartThreads = r.Value<bool>("group_only_facilitators_start_threads"),
            PreModeration = r.Value<bool>("group_pre_moderation"),
            ReportThreshold = r.Value<int>("group_report_threshold"),
            JoinCode = r.StringOrNull("group_join_code"),
            CreatedAt = r.Value<DateTimeOffset>("group_created_at"),
            CreatedByUserId = r.Value<string>("group_created_by_user_id"),
        };
        var mode = r.EnumOrNull<ReflectionMode>("reflection_mode") ?? ReflectionMode.Open;
        return new ThreadAccess(thread, new GroupAccess(group, userId, role, isAdmin, isSiteModerator), mode, r.Value<bool>("has_posted"), r.ValueOrNull<int>("last_read_number"))
        {
            MutedUntil = r.ValueOrNull<DateTimeOffset>("muted_until"),
            MuteReason = r.StringOrNull("mute_reason"),
            LastOwnPostAt = r.ValueOrNull<DateTimeOffset>("last_own_post_at"),
            OwnHeldPosts = r.Value<int>("own_held_posts"),
            HeldPostsWaiting = r.Value<int>("held_posts_waiting"),
        };
    }

    /// <summary>The ordinals of PageSql's columns, looked up once per page rather than once per post.</summary>
    readonly record struct PostColumns(
        int Id, int Number, int AuthorId, int AuthorName, int BodyHtml, int CreatedAt, int EditedAt, int DeletedAt, int ReplyToNumber, int VisibleToUserId,
        int HiddenAt, int RemovedAt, int RemovalReason, int RemovalNote, int RemovedBySiteStaff)
    {
        public static PostColumns Of(DbDataReader r) => new(
            r.GetOrdinal("id"), r.GetOrdinal("number"), r.GetOrdinal("author_id"), r.GetOrdinal("display_name"), r.GetOrdinal("body_html"),
            r.GetOrdinal("created_at"), r.GetOrdinal("edited_at"), r.GetOrdinal("deleted_at"), r.GetOrdinal("reply_to_number"), r.GetOrdinal("visible_to_user_id"),
            r.GetOrdinal("hidden_at"), r.GetOrdinal("removed_at"), r.GetOrdinal("removal_reason"), r.GetOrdinal("removal_note"), r.GetOrdinal("removed_by_site_staff"));

        public PostRow Read(DbDataReader r) => new(
            r.GetInt64(Id), r.GetInt32(Number), r.GetString(AuthorId), r.GetString(AuthorName), r.GetString(BodyHtml),
            r.GetFieldValue<DateTimeOffset>(CreatedAt), r.ValueOrNull<DateTimeOffset>(EditedAt), r.ValueOrNull<DateTimeOffset>(DeletedAt),
            r.ValueOrNull<int>(ReplyToNumber), r.IsDBNull(VisibleToUserId) ? null : r.GetString(VisibleToUserId))
        {
            HiddenAt = r.ValueOrNull<DateTimeOffset>(HiddenAt),
            RemovedAt = r.ValueOrNull<DateTimeOffset>(RemovedAt),
            RemovalReason = r.IsDBNull(RemovalReason) ? null : System.Enum.Parse<Moderation.ModerationReason>(r.GetString(RemovalReason)),
            RemovalNote = r.IsDBNull(RemovalNote) ? null : r.GetString(RemovalNote),
            RemovedBySiteStaff = r.GetBoolean(RemovedBySiteStaff),
        };
    }

    public bool CanSee(Post post) => CanSee(post.AuthorId, post.VisibleToUserId);

    public bool CanSee(string authorId, string? visibleToUserId) => PostVisibility.CanSee(authorId, visibleToUserId, this);

    /// <summary>
    /// Only the author edits or deletes a post, a deleted post stays deleted, and a removed or hidden one stays as the
    /// moderators found it until they decide.
    /// </summary>
    public bool CanEdit(Post post) => CanEdit(post.AuthorId, post.DeletedAt) && post.RemovedAt is null && post.HiddenAt is null;

    public bool CanEdit(string authorId, DateTimeOffset? deletedAt) => authorId == UserId && deletedAt is null;

    /// <summary>Whether the reader reads the post's text: everyone for a post in place; its author and the moderators for a removed or hidden one.</summary>
    public bool ShowsText(string authorId, DateTimeOffset? hiddenAt, DateTimeOffset? removedAt) =>
        PostVisibility.ShowsText(authorId, hiddenAt, removedAt, this);

    /// <summary>Facilitators (and site staff) read every revision; an author reads the revisions of their own posts.</summary>
    public bool CanReadHistory(Post post) => CanReadHistory(post.AuthorId);

    public bool CanReadHistory(string authorId) => MayModerate || authorId == UserId;

    /// <summary>Members report others' posts that are in place, unless muted in the group.</summary>
    public bool CanReport(string authorId, DateTimeOffset? deletedAt, DateTimeOffset? hiddenAt, DateTimeOffset? removedAt, DateTimeOffset now) =>
        Group.IsMember && authorId != UserId && deletedAt is null && hiddenAt is null && removedAt is null && !IsMutedAt(now);
}

/// <summary>
/// The one rule for who sees which post of a thread. Every query that reads posts goes through
/// <see cref="VisibleTo"/> (pages, counts, permalinks, quotes, history); tests use <see cref="CanSee"/>.
/// </summary>
public static class PostVisibility
{
    /// <param name="mayModerate">Facilitators and site staff.</param>
    /// <param name="hasPosted">The reader has a post of their own in place (a removed or hidden one does not open the gate).</param>
    public static bool SeesEverything(ReflectionMode mode, bool mayModerate, bool hasPosted) =>
        mode == ReflectionMode.Open || mayModerate || (mode == ReflectionMode.PostFirst && hasPosted);

    public static bool CanSee(string authorId, string? visibleToUserId, ThreadAccess reader) =>
        reader.SeesEverything
        || authorId == reader.UserId
        || (reader.Mode == ReflectionMode.Private && visibleToUserId == reader.UserId);

    /// <summary>
    /// A removed or hidden post keeps its number and place with a placeholder; its text is for its author (marked) and
    /// the moderators only. Quotes, replies and the post-first gate treat it as absent (<see cref="InPlace"/>).
    /// </summary>
    public static bool ShowsText(string authorId, DateTimeOffset? hiddenAt, DateTimeOffset? removedAt, ThreadAccess reader) =>
        (hiddenAt is null && removedAt is null) || authorId == reader.UserId || reader.MayModerate;

    /// <summary>Posts in their place: not removed and not hidden pending review.</summary>
    public static IQueryable<Post> InPlace(this IQueryable<Post> posts) =>
        posts.Where(p => p.RemovedAt == null && p.HiddenAt == null);

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

/// <summary>Reads of a hand-written query's columns by name, the way EF would map them.</summary>
static class ColumnReads
{
    public static T Value<T>(this DbDataReader r, string column) => r.GetFieldValue<T>(r.GetOrdinal(column));

    public static T? ValueOrNull<T>(this DbDataReader r, string column) where T : struct => r.ValueOrNull<T>(r.GetOrdinal(column));

    public static T? ValueOrNull<T>(this DbDataReader r, int ordinal) where T : struct => r.IsDBNull(ordinal) ? null : r.GetFieldValue<T>(ordinal);

    public static string? StringOrNull(this DbDataReader r, string column) => r.GetOrdinal(column) is var i && r.IsDBNull(i) ? null : r.GetString(i);

    // Enums are stored as their names (HasConversion<string>()).
    public static T Enum<T>(this DbDataReader r, string column) where T : struct, Enum => System.Enum.Parse<T>(r.Value<string>(column));

    public static T? EnumOrNull<T>(this DbDataReader r, string column) where T : struct, Enum => r.StringOrNull(column) is { } name ? System.Enum.Parse<T>(name) : null;
}
