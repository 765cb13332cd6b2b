using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StudyGuide.Web.Data;

public static class Database
{
    public const string ConnectionStringName = "StudyGuide";
    public const string LocalDatabaseName = "studyguide";

    /// <summary>
    /// With no connection string configured, starts the managed local PostgreSQL in the data
    /// directory and points the connection string at it. Returns the cluster so the caller stops it.
    /// </summary>
    public static async Task<LocalPostgres?> StartLocalServerIfUnconfiguredAsync(ConfigurationManager configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName))) return null;
        var dataDirectory = configuration["StudyGuide:DataDirectory"] is { Length: > 0 } configured ? configured : ".studyguide";
        var cluster = await LocalPostgres.StartAsync(dataDirectory, LocalDatabaseName);
        configuration[$"ConnectionStrings:{ConnectionStringName}"] = cluster.ConnectionString(LocalDatabaseName);
        return cluster;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            // Npgsql treats a server restart (57P01) as transient; explicit transactions therefore go
            // through Database.CreateExecutionStrategy() (see ../shared/SECURITY.md).
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure())
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
