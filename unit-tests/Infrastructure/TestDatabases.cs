using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (the app's own managed-cluster component),
/// one migrated template database, and a fresh clone of it for each test class.
/// Shared by the unit-tests and e2e-tests projects (linked source file).
/// </summary>
public sealed class TestDatabases : IAsyncLifetime
{
    const string TemplateName = "studyguide_template";
    const string DirectoryPrefix = "studyguide-tests-";

    public LocalPostgres Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        StopClustersOfDeadRuns(DirectoryPrefix);
        var directory = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        Server = await LocalPostgres.StartAsync(directory, TemplateName, disposable: true);

        var options = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(options, Server.ConnectionString(TemplateName));
        await using (var db = new AppDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }
        // A template must have no open connections while it is being cloned.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new, migrated, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(Server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {TemplateName}", connection);
        await create.ExecuteNonQueryAsync();
        return Server.ConnectionString(name);
    }

    /// <summary>
    /// Stops and deletes the clusters that killed runs left in the temp directory. A run's test host
    /// holds an exclusive flock on the cluster's owner.lock for as long as it lives (LocalPostgres),
    /// and the kernel drops it when the process dies, however it dies: a lock we can take means its
    /// run is over. Unlike a recorded PID, this cannot be fooled by PID reuse. A directory younger
    /// than a minute is left alone: its run may be between creating it and taking the lock.
    /// </summary>
    public static void StopClustersOfDeadRuns(string directoryPrefix)
    {
        var pgCtl = LocalPostgres.FindServerBinaries() is { } bin ? Path.Combine(bin, "pg_ctl") : null;
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), directoryPrefix + "*"))
        {
            var lockPath = Path.Combine(directory, "owner.lock");
            // Nothing writes to the lock file, so its time is when its run took the lock.
            if (!File.Exists(lockPath) || DateTime.UtcNow - File.GetLastWriteTimeUtc(lockPath) < TimeSpan.FromMinutes(1)) continue;
            FileStream held;
            try
            {
                held = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // a live run holds it, or it belongs to another user
            }
            using (held)
            {
                var cluster = Path.Combine(directory, "pgdata");
                if (pgCtl is not null && File.Exists(Path.Combine(cluster, "postmaster.pid")))
                {
                    // Immediate: the data is thrown away, nothing to flush. As root the server runs as postgres.
                    var start = Environment.IsPrivilegedProcess
                        ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, "-D", cluster, "-m", "immediate", "-w", "-t", "30", "stop"])
                        : new ProcessStartInfo(pgCtl, ["-D", cluster, "-m", "immediate", "-w", "-t", "30", "stop"]);
                    start.RedirectStandardOutput = start.RedirectStandardError = true;
                    start.WorkingDirectory = "/";
                    using var process = Process.Start(start)!;
                    process.StandardOutput.ReadToEnd();
                    process.StandardError.ReadToEnd();
                    process.WaitForExit();
                }
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left for the OS's temp cleanup; the server is stopped.
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Server.Stop();
        try
        {
            Directory.Delete(Server.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS's temp cleanup; the server is already stopped.
        }
        return ValueTask.CompletedTask;
    }
}
