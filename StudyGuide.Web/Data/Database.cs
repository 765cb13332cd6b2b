using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace StudyGuide.Web.Data;

public static class Database
{
    public const string ConnectionStringName = "StudyGuide";
    public const string LocalDatabaseName = "studyguide";

    /// <summary>
    /// With no connection string configured, starts the managed local PostgreSQL in the data
    /// directory (StudyGuide:DataDirectory) and points the connection string at it. Returns the
    /// cluster so the caller stops it. Runs before the host is built, so it takes the settings as
    /// <see cref="StudyGuideOptions.Load"/> bound and validated them (the validator the host uses):
    /// a wrong setting has stopped the app before any server starts.
    /// </summary>
    public static async Task<LocalPostgres?> StartLocalServerIfUnconfiguredAsync(ConfigurationManager configuration, StudyGuideOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName))) return null;
        var cluster = await LocalPostgres.StartAsync(settings.DataDirectory, LocalDatabaseName);
        configuration[$"ConnectionStrings:{ConnectionStringName}"] = cluster.ConnectionString(LocalDatabaseName);
        return cluster;
    }

    /// <summary>
    /// The configured connection string with the app's defaults added where the operator set nothing
    /// (bench/RESULTS.md measures both): automatic preparation, because every request sends the same
    /// few queries and PostgreSQL would otherwise parse and plan each of them again; and no session
    /// reset when a connection goes back to the pool, because the app keeps no session state (no SET,
    /// temporary tables or session locks) while EF returns the connection after every query.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql's builder reports every keyword it knows as present; the written keys are in a plain parse.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!written.Contains(nameof(builder.MaxAutoPrepare))) builder.MaxAutoPrepare = 50;
        if (!written.Contains(nameof(builder.NoResetOnClose))) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>Applies the migrations not yet applied: at every start, by `migrate`, and to the tests' template.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        // EF reads the history table before it creates it, and on a new database PostgreSQL's "relation does not
        // exist" is logged as a failed command (`fail: … FROM "__EFMigrationsHistory"`) that reads like a crash on
        // an installation's first start. Creating the table first, with the provider's own CREATE TABLE IF NOT EXISTS
        // (the statement EF runs next anyway), leaves only errors that are real. A database that does not exist yet
        // is left to MigrateAsync, which creates it.
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // Nothing to apply, the usual start: no lock either, so a start through PgBouncer, where a session lock
        // could be taken on one server connection and released on another, leaves none behind.
        // (to_regclass, not EF's history check, which reads the missing table and logs the failure.)
        var historyExists = await db.Database.SqlQuery<bool>($"SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (historyExists && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()) return;

        // Several app instances may start together on one database (docs/DEPLOYMENT.md). On a new database both
        // applied the first migration and one failed with "relation already exists": a session-level advisory
        // lock, held on the connection EF then migrates with, makes the others wait and find nothing to apply.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                // The pool keeps the session open (No Reset On Close), so the lock must be released by hand.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Any constant the app's other advisory locks do not use.</summary>
    const long MigrationLockKey = 0x5374_7564_794D_6967; // "StudyMig"

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            // Npgsql treats a server restart (57P01) as transient; explicit transactions therefore go
            // through Database.CreateExecutionStrategy() (docs/SECURITY.md, PostgreSQL and Npgsql).
            // Retries span about ten seconds, enough for PostgreSQL to restart and recover from a crash; after that the
            // person sees the 503 page with their text kept, instead of the default strategy's minute of waiting.
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 4, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null))
            .UseSnakeCaseNamingConvention();
}

/// <summary>Lets `dotnet ef migrations add` build the model without starting a server.</summary>
sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(options, "Host=design-time-only");
        return new AppDbContext(options.Options);
    }
}
