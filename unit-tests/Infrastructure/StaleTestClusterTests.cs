using Npgsql;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Infrastructure;

public sealed class StaleTestClusterTests
{
    [Fact]
    public async Task The_cluster_of_a_killed_run_is_stopped_and_deleted_and_a_live_runs_cluster_is_left_alone()
    {
        var prefix = "studyguide-stale-" + Guid.NewGuid().ToString("N")[..8] + "-";
        using var dead = await LocalPostgres.StartAsync(Path.Combine(Path.GetTempPath(), prefix + "dead"), "postgres", disposable: true);
        using var live = await LocalPostgres.StartAsync(Path.Combine(Path.GetTempPath(), prefix + "live"), "postgres", disposable: true);
        try
        {
            // Both runs started a while ago.
            foreach (var server in new[] { dead, live })
                File.SetLastWriteTimeUtc(Path.Combine(server.DataDirectory, "owner.lock"), DateTime.UtcNow.AddMinutes(-5));
            // What the kernel does when a test host is killed: its lock goes, its server keeps running.
            dead.DropOwnerLockAsIfKilled();
            var deadServer = ServerPid(dead);
            Assert.True(IsPostgres(deadServer));

            TestDatabases.StopClustersOfDeadRuns(prefix);

            Assert.True(await ExitedAsync(deadServer));
            Assert.False(Directory.Exists(dead.DataDirectory));
            Assert.True(Directory.Exists(live.DataDirectory));
            Assert.Equal(1, await SelectOneAsync(live));
        }
        finally
        {
            live.Stop();
            Directory.Delete(live.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_cluster_younger_than_a_minute_is_left_alone_even_when_its_lock_is_free()
    {
        var prefix = "studyguide-stale-" + Guid.NewGuid().ToString("N")[..8] + "-";
        using var starting = await LocalPostgres.StartAsync(Path.Combine(Path.GetTempPath(), prefix + "starting"), "postgres", disposable: true);
        try
        {
            // A run between creating its directory and taking the lock looks like this.
            starting.DropOwnerLockAsIfKilled();

            TestDatabases.StopClustersOfDeadRuns(prefix);

            Assert.Equal(1, await SelectOneAsync(starting));
        }
        finally
        {
            StopByHand(starting);
        }
    }

    /// <summary>Ages the lock so the clean-up takes the cluster (its lock is already free).</summary>
    static void StopByHand(LocalPostgres server)
    {
        File.SetLastWriteTimeUtc(Path.Combine(server.DataDirectory, "owner.lock"), DateTime.UtcNow.AddMinutes(-5));
        TestDatabases.StopClustersOfDeadRuns(Path.GetFileName(server.DataDirectory));
    }

    static int ServerPid(LocalPostgres server) =>
        int.Parse(File.ReadLines(Path.Combine(server.ClusterDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A live postgres process (not a zombie waiting for its parent to reap it).</summary>
    static bool IsPostgres(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat.Contains("(postgres)", StringComparison.Ordinal) && stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z') is false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The postmaster removes its pid file (which pg_ctl waits for) a moment before it exits.</summary>
    static async Task<bool> ExitedAsync(int pid)
    {
        for (var i = 0; i < 50 && IsPostgres(pid); i++) await Task.Delay(100);
        return !IsPostgres(pid);
    }

    static async Task<int> SelectOneAsync(LocalPostgres server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
