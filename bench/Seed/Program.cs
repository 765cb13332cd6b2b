using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using StudyGuide.Bench.Seed;
using StudyGuide.Web;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

// bench/run's seeder: `seed --data-dir DIR --threads 1000 --posts 100 [--big 10000] [--moderated-copy-of THREAD]`.
// Deterministic (fixed seeds, fixed ids, fixed clock) and incremental: a second run with more threads
// adds the missing ones, so one database grows from 100 k to 1 M posts. Prints key=value lines for the script.

var settings = ParseArguments(args);
var dataDirectory = settings.GetValueOrDefault("data-dir", "");
var threadCount = int.Parse(settings.GetValueOrDefault("threads", "1000"), CultureInfo.InvariantCulture);
var postsPerThread = int.Parse(settings.GetValueOrDefault("posts", "100"), CultureInfo.InvariantCulture);
var bigThreadPosts = int.Parse(settings.GetValueOrDefault("big", "0"), CultureInfo.InvariantCulture);
// The thread the moderated copy copies (bench/run's hot thread); none when 0.
var moderatedCopyOf = int.Parse(settings.GetValueOrDefault("moderated-copy-of", "0"), CultureInfo.InvariantCulture);
// bench/run keeps the 100 k-post data set in a second database of the same cluster, to measure both side by side.
var databaseName = settings.GetValueOrDefault("database", Database.LocalDatabaseName);

const string GroupName = "Bench class";
const string MemberLogin = "bench-member";
const string MemberPassword = "bench-member-passphrase";
const int AuthorCount = 200;
const int BodyCount = 200;
// Ordinary threads are 1..N; the big thread has a fixed id out of their way, so growing N never moves it.
const int BigThreadId = 1_000_000;
// A copy of the typical thread in a second, pre-moderated group, with removed, hidden and held posts: moderation's row.
const int ModeratedThreadId = 2_000_000;
var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

var bodies = Bodies.Create(BodyCount, seed: 20261128);
var rendered = bodies.Select(Render).ToArray();
Group? group = null;

var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__StudyGuide");
LocalPostgres? server = null;
if (string.IsNullOrEmpty(connectionString))
{
    if (dataDirectory.Length == 0) return Fail("Give --data-dir (the app's StudyGuide__DataDirectory) or ConnectionStrings__StudyGuide.");
    server = await LocalPostgres.StartAsync(dataDirectory, databaseName);
    connectionString = server.ConnectionString(databaseName);
}

try
{
    var clock = Stopwatch.StartNew();
    var options = new DbContextOptionsBuilder<AppDbContext>();
    Database.Configure(options, connectionString);
    await using var db = new AppDbContext(options.Options);
    await db.Database.MigrateAsync();

    group = await db.Groups.SingleOrDefaultAsync(g => g.Name == GroupName);
    if (group is null)
    {
        if (await db.Threads.AnyAsync()) return Fail("The database already has threads that are not the bench's: seed an empty database.");
        group = await CreateGroupAsync(db);
    }

    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    // Foreign keys are right by construction; skipping their triggers makes the COPY several times faster.
    await ExecuteAsync(connection, "SET session_replication_role = replica");

    var existing = Convert.ToInt32(await ScalarAsync(connection, $"SELECT count(*) FROM threads WHERE group_id = {group.Id} AND id < {BigThreadId}"), CultureInfo.InvariantCulture);
    var newThreads = Enumerable.Range(existing + 1, Math.Max(0, threadCount - existing)).ToArray();
    var addBig = bigThreadPosts > 0 && await ScalarAsync(connection, $"SELECT 1 FROM threads WHERE id = {BigThreadId}") is null;

    var threads = newThreads.Select(id => NewThread(id, postsPerThread)).ToList();
    if (addBig) threads.Add(NewThread(BigThreadId, bigThreadPosts));
    await CopyAsync(connection, db.Model.FindEntityType(typeof(DiscussionThread))!, threads, includeGeneratedKeys: true);

    var posts = newThreads.SelectMany(id => NewPosts(id, postsPerThread));
    if (addBig) posts = posts.Concat(NewPosts(BigThreadId, bigThreadPosts));
    var postCount = await CopyAsync(connection, db.Model.FindEntityType(typeof(Post))!, posts, includeGeneratedKeys: false);

    await ExecuteAsync(connection, "SET session_replication_role = DEFAULT");
    if (moderatedCopyOf > 0 && await ScalarAsync(connection, $"SELECT 1 FROM threads WHERE id = {ModeratedThreadId}") is null)
        await AddModeratedCopyAsync(connection, moderatedCopyOf);
    await ExecuteAsync(connection, "SELECT setval(pg_get_serial_sequence('threads', 'id'), (SELECT max(id) FROM threads))");
    // VACUUM sets the visibility map and hint bits now, and CHECKPOINT writes the dirty pages now, so
    // neither autovacuum nor a checkpoint of the freshly copied posts falls into a measured round later.
    await ExecuteAsync(connection, "VACUUM (ANALYZE)");
    await ExecuteAsync(connection, "CHECKPOINT");

    var total = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM posts"), CultureInfo.InvariantCulture);
    await Console.Error.WriteLineAsync($"seed: {threads.Count} threads and {postCount} posts added in {clock.Elapsed.TotalSeconds:0.0} s; {total} posts in all");
    Console.WriteLine($"group={group.Id}");
    Console.WriteLine($"member={MemberLogin}");
    Console.WriteLine($"password={MemberPassword}");
    Console.WriteLine($"threads={threadCount}");
    Console.WriteLine($"big={(bigThreadPosts > 0 ? BigThreadId : 0)}");
    Console.WriteLine($"posts={total}");
    Console.WriteLine($"typical={TypicalThread(threadCount)}");
    Console.WriteLine($"moderated={(moderatedCopyOf > 0 ? ModeratedThreadId : 0)}");
    Console.WriteLine($"connection='{connectionString}'");
    return 0;
}
finally
{
    server?.Stop();
}

// A thread again (bench/run's hot thread), in a pre-moderated group of the same members: every 10th post removed by a facilitator,
// every 10th from the 5th hidden by members' reports, and five members' posts waiting for approval.
async Task AddModeratedCopyAsync(NpgsqlConnection connection, int original)
{
    var moderatedGroup = Convert.ToInt32(await ScalarAsync(connection, $"""
        INSERT INTO groups (name, description, kind, time_zone, member_list_visibility, only_facilitators_start_threads, created_at, created_by_user_id, pre_moderation, report_threshold)
        SELECT name || ' (pre-moderated)', description, kind, time_zone, member_list_visibility, only_facilitators_start_threads, created_at, created_by_user_id, true, 3
        FROM groups WHERE id = {group!.Id}
        RETURNING id
        """), CultureInfo.InvariantCulture);
    await ExecuteAsync(connection, $"""
        INSERT INTO memberships (group_id, user_id, role, joined_at)
        SELECT {moderatedGroup}, user_id, role, joined_at FROM memberships WHERE group_id = {group.Id};
        INSERT INTO threads (id, group_id, kind, title, created_at, created_by_user_id, last_post_number, last_post_at, activity_at, member_activity_at)
        SELECT {ModeratedThreadId}, {moderatedGroup}, kind, title, created_at, created_by_user_id, last_post_number, last_post_at, activity_at, member_activity_at
        FROM threads WHERE id = {original};
        INSERT INTO posts (thread_id, author_id, number, body_markdown, body_html, renderer_version, created_at, reply_to_number, idempotency_key,
                           removed_at, removal_reason, hidden_at, removed_by_site_staff)
        SELECT {ModeratedThreadId}, author_id, number, body_markdown, body_html, renderer_version, created_at, reply_to_number, gen_random_uuid(),
               CASE WHEN number % 10 = 0 THEN created_at END, CASE WHEN number % 10 = 0 THEN 'Bullying' END,
               CASE WHEN number % 10 = 5 THEN created_at END, false
        FROM posts WHERE thread_id = {original};
        INSERT INTO held_posts (thread_id, author_id, body_markdown, body_html, idempotency_key, created_at, reason)
        SELECT {ModeratedThreadId}, author_id, body_markdown, body_html, gen_random_uuid(), created_at, 'PreModeration'
        FROM posts WHERE thread_id = {original} AND number <= 5;
        """);
}

DiscussionThread NewThread(int id, int posts) => new()
{
    Id = id,
    LastPostNumber = posts,
    LastPostAt = LastPostAt(id, posts),
    GroupId = group!.Id,
    Kind = ThreadKind.Free,
    Title = id == BigThreadId ? "The long-running class thread" : $"Question {id}: what did you make of this week's reading?",
    CreatedAt = ThreadStart(id),
    // Free threads: every post moves both keys of the thread list, as Posting's UPDATE does.
    ActivityAt = LastPostAt(id, posts),
    MemberActivityAt = LastPostAt(id, posts),
    CreatedByUserId = AuthorFor(id, 1),
};

IEnumerable<Post> NewPosts(int threadId, int count)
{
    var random = new Random(threadId);
    for (var number = 1; number <= count; number++)
    {
        var body = random.Next(BodyCount);
        yield return new Post
        {
            ThreadId = threadId,
            AuthorId = AuthorFor(threadId, number),
            Number = number,
            BodyMarkdown = bodies[body],
            BodyHtml = rendered[body],
            CreatedAt = PostTime(threadId, number),
            IdempotencyKey = new Guid(threadId, (short)(number >> 16), (short)number, 0, 0, 0, 0, 0, 0, 0, 0),
        };
    }
}

// The thread whose first page weighs closest to the mean of threads 1..count (its bodies' HTML and its
// authors' names): bench/run's "hot" thread. Thread 1 happens to be about 4 % lighter than the average
// one, so against it "random vs hot" would also count a difference in page size.
int TypicalThread(int count)
{
    var authorNames = Enumerable.Range(0, AuthorCount).ToDictionary(AuthorId, AuthorName);
    var weights = Enumerable.Range(1, count)
        .Select(id => NewPosts(id, new DiscussionOptions().PostsPerPage).Sum(p => p.BodyHtml.Length + authorNames[p.AuthorId].Length))
        .ToArray();
    var mean = weights.Average();
    return Array.IndexOf(weights, weights.MinBy(w => Math.Abs(w - mean))) + 1;
}

// Posts a few minutes apart, so the thread row's LastPostAt is known without walking its posts.
DateTimeOffset PostTime(int threadId, int number) => ThreadStart(threadId).AddSeconds(number * 180 + (int)(Mix(threadId, number, 1) % 120));

DateTimeOffset LastPostAt(int threadId, int posts) => PostTime(threadId, posts);

DateTimeOffset ThreadStart(int id) => start.AddMinutes(id % BigThreadId * 7.0);

string AuthorFor(int threadId, int number) => AuthorId((int)(Mix(threadId, number, 0) % AuthorCount));

// HashCode is seeded per process; this mix (murmur3's finaliser) is the same on every run.
static uint Mix(int a, int b, int c)
{
    var h = unchecked((uint)a * 0x9E3779B1u ^ (uint)b * 0x85EBCA77u ^ (uint)c * 0xC2B2AE3Du);
    h ^= h >> 16;
    h = unchecked(h * 0x85EBCA6Bu);
    h ^= h >> 13;
    h = unchecked(h * 0xC2B2AE35u);
    return h ^ (h >> 16);
}

static string AuthorId(int i) => $"bench-author-{i:000}";

static string AuthorName(int i) => $"Student {i + 1}";

async Task<Group> CreateGroupAsync(AppDbContext db)
{
    User NewUser(string id, string userName, string displayName) => new()
    {
        Id = id,
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        DisplayName = displayName,
        CreatedAt = start,
        SecurityStamp = "BENCH-" + id.ToUpperInvariant(),
        ConcurrencyStamp = id,
        LockoutEnabled = true,
    };

    var teacher = NewUser("bench-teacher", "bench-teacher", "Ms Bench");
    var member = NewUser("bench-member", MemberLogin, "Bench Member");
    member.PasswordHash = new PasswordHasher<User>().HashPassword(member, MemberPassword);
    var authors = Enumerable.Range(0, AuthorCount).Select(i => NewUser(AuthorId(i), AuthorId(i), AuthorName(i))).ToList();
    db.Users.AddRange([teacher, member, .. authors]);

    var group = new Group
    {
        Name = GroupName,
        Description = "Seeded by bench/run.",
        Kind = GroupKind.Class,
        TimeZone = "Europe/Paris",
        MemberListVisibility = MemberListVisibility.DisplayNames,
        CreatedAt = start,
        CreatedByUserId = teacher.Id,
    };
    group.Memberships.Add(new Membership { UserId = teacher.Id, Role = MembershipRole.Facilitator, JoinedAt = start });
    group.Memberships.Add(new Membership { UserId = member.Id, Role = MembershipRole.Member, JoinedAt = start });
    foreach (var author in authors) group.Memberships.Add(new Membership { UserId = author.Id, Role = MembershipRole.Member, JoinedAt = start });
    db.Groups.Add(group);
    await db.SaveChangesAsync();
    return group;
}

// Binary COPY of entities, columns and conversions taken from the EF model, so the seeder follows the schema.
async Task<long> CopyAsync<T>(NpgsqlConnection connection, IEntityType type, IEnumerable<T> rows, bool includeGeneratedKeys) where T : class
{
    var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
    var properties = type.GetProperties()
        .Where(p => includeGeneratedKeys || !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
        .Select(p => (Column: p.GetColumnName(table)!, Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter))
        .ToList();
    var columns = string.Join(", ", properties.Select(p => "\"" + p.Column + "\""));
    await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)");
    foreach (var row in rows)
    {
        await writer.StartRowAsync();
        foreach (var (_, getter, converter) in properties)
        {
            var value = getter.GetClrValue(row);
            if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
            await WriteAsync(writer, value);
        }
    }
    return (long)await writer.CompleteAsync();
}

static async Task WriteAsync(NpgsqlBinaryImporter writer, object? value)
{
    switch (value)
    {
        case null: await writer.WriteNullAsync(); break;
        case string s: await writer.WriteAsync(s, NpgsqlDbType.Text); break;
        case int i: await writer.WriteAsync(i, NpgsqlDbType.Integer); break;
        case long l: await writer.WriteAsync(l, NpgsqlDbType.Bigint); break;
        case short s: await writer.WriteAsync(s, NpgsqlDbType.Smallint); break;
        case bool b: await writer.WriteAsync(b, NpgsqlDbType.Boolean); break;
        case Guid g: await writer.WriteAsync(g, NpgsqlDbType.Uuid); break;
        case DateTimeOffset d: await writer.WriteAsync(d.ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
        default: throw new NotSupportedException($"The seeder cannot COPY a {value.GetType()}; add it to WriteAsync.");
    }
}

static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection);
    return await command.ExecuteScalarAsync();
}

// The app's own write-time renderer, once per distinct body.
static string Render(string markdown) =>
    PostMarkdown.Render(markdown) is { IsValid: true } rendered ? rendered.Html : throw new InvalidOperationException("A seed body was refused: " + markdown);

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2) result[args[i].TrimStart('-')] = args[i + 1];
    return result;
}

static int Fail(string message)
{
    Console.Error.WriteLine("seed: " + message);
    return 1;
}
