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
            await Database.MigrateAsync(db);
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

    /// <summary>A new database with no tables at all, as an operator's freshly created one; returns its connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "empty_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(Server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return Server.ConnectionString(name);
    }

    /// <summary>Stops and deletes the clusters that killed runs left in the temp directory (see <see cref="LocalPostgres.StopIfAbandoned"/>).</summary>
    public static void StopClustersOfDeadRuns(string directoryPrefix)
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), directoryPrefix + "*"))
        {
            using var abandoned = LocalPostgres.StopIfAbandoned(directory, TimeSpan.FromMinutes(1));
            if (abandoned is null) continue;
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
