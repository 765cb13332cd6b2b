using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Discussions;

/// <summary>Threads that existed before the stored sort keys get the keys posting would have given them.</summary>
public class ThreadListKeysMigrationTests(TestDatabases databases)
{
    const string MigrationBefore = "20261128104718_Discussions";

    [Fact]
    public async Task The_migration_backfills_both_keys_by_the_posting_rule_and_leaves_no_default()
    {
        var name = "migration_" + Guid.NewGuid().ToString("N");
        await using (var server = new NpgsqlConnection(databases.Server.ConnectionString("postgres")))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", server);
            await create.ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(options, databases.Server.ConnectionString(name));
        await using var db = new AppDbContext(options.Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(MigrationBefore, TestContext.Current.CancellationToken);

        // Only threads and assignments decide the keys: skip the foreign keys rather than build users and groups.
        await db.Database.ExecuteSqlRawAsync("""
            SET session_replication_role = replica;
            INSERT INTO assignments (id, group_id, module_slug, module_title, reflection_mode, created_at, created_by_user_id) VALUES
                (1, 1, 'm', 'M', 'Open', '2026-09-01 08:00Z', 'u'),
                (2, 1, 'm', 'M', 'PostFirst', '2026-09-01 08:00Z', 'u'),
                (3, 1, 'm', 'M', 'Private', '2026-09-01 08:00Z', 'u');
            INSERT INTO threads (id, group_id, kind, assignment_id, title, created_at, created_by_user_id, last_post_number, last_post_at) VALUES
                (1, 1, 'Free', NULL, 'free, unanswered', '2026-09-01 08:00Z', 'u', 0, NULL),
                (2, 1, 'Free', NULL, 'free, answered', '2026-09-01 08:00Z', 'u', 3, '2026-09-02 10:00Z'),
                (3, 1, 'Assignment', 1, 'open', '2026-09-01 08:00Z', 'u', 2, '2026-09-02 10:00Z'),
                (4, 1, 'Assignment', 2, 'post-first', '2026-09-01 08:00Z', 'u', 2, '2026-09-02 10:00Z'),
                (5, 1, 'Assignment', 3, 'private', '2026-09-01 08:00Z', 'u', 2, '2026-09-02 10:00Z');
            SET session_replication_role = DEFAULT;
            """, TestContext.Current.CancellationToken);

        await migrator.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);

        var started = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
        var answered = new DateTimeOffset(2026, 9, 2, 10, 0, 0, TimeSpan.Zero);
        var keys = await db.Threads.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new { t.ActivityAt, t.MemberActivityAt })
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(
            [(started, started), (answered, answered), (answered, answered), (answered, started), (answered, started)],
            keys.Select(k => (k.ActivityAt, k.MemberActivityAt)));
        var defaults = await db.Database
            .SqlQuery<string?>($"SELECT column_default AS \"Value\" FROM information_schema.columns WHERE table_name = 'threads' AND column_name IN ('activity_at', 'member_activity_at')")
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([null, null], defaults);
    }
}
