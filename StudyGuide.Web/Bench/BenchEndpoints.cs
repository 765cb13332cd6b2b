using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Web.Bench;

/// <summary>
/// The benchmark's switch (bench/run): `StudyGuide:Bench` = true adds reference endpoints under
/// /__bench and counts SQL commands per request. Never on in a real deployment: /__bench/stats tells
/// anyone how busy the server is.
/// </summary>
public static class BenchEndpoints
{
    public static IServiceCollection AddBench(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        // bench/run restarts the app with 20, 50 and 100 posts per thread page.
        if (configuration.GetValue<int?>("StudyGuide:Discussions:PostsPerPage") is { } postsPerPage and > 0)
            ThreadPaging.PostsPerPage = postsPerPage;
        // The raw page's own pool, beside EF's: the floor a database page can reach without EF.
        services.AddSingleton(new BenchDataSource(NpgsqlDataSource.Create(connectionString)));
        services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(SqlCommandCounter.Instance));
        services.AddTransient<IStartupFilter, BenchStartupFilter>();
        return services;
    }

    public static WebApplication MapBench(this WebApplication app)
    {
        app.MapGet("/__bench/plaintext", () => Results.Text("Hello, World!"));
        // Read by bench/run before and after each wrk run: allocated bytes per request are the delta over the requests.
        app.MapGet("/__bench/stats", () => Results.Json(new
        {
            allocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
            requests = BenchStats.Requests,
            sqlCommands = SqlCommandCounter.Total,
            workingSet = Environment.WorkingSet,
            // CPU time of this process: per request, it depends far less than req/s on what else the machine runs.
            cpuMicroseconds = (long)(Environment.CpuUsage.TotalTime.TotalMilliseconds * 1000),
            gen0 = GC.CollectionCount(0),
            gen1 = GC.CollectionCount(1),
            gen2 = GC.CollectionCount(2),
        }));
        return app;
    }
}

public sealed class BenchDataSource(NpgsqlDataSource dataSource) : IDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public void Dispose() => DataSource.Dispose();
}

static class BenchStats
{
    static long requests;

    public static long Requests => Interlocked.Read(ref requests);

    public static void CountRequest() => Interlocked.Increment(ref requests);
}

/// <summary>First in the pipeline: opens the request's SQL count and reports it in X-Bench-Sql.</summary>
sealed class BenchStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            // The stats reads themselves are not part of what is measured.
            if (!context.Request.Path.StartsWithSegments("/__bench/stats")) BenchStats.CountRequest();
            var count = SqlCommandCounter.BeginRequest();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["X-Bench-Sql"] = count.Value.ToString(CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>Counts the SQL commands (round trips) sent on EF's connections, per request and in total.</summary>
public sealed class SqlCommandCounter : DbCommandObserver
{
    public static readonly SqlCommandCounter Instance = new();

    static readonly AsyncLocal<StrongBox<int>?> Current = new();
    static long total;

    public static long Total => Interlocked.Read(ref total);

    public static StrongBox<int> BeginRequest()
    {
        var box = new StrongBox<int>();
        Current.Value = box;
        return box;
    }

    /// <summary>For commands sent without EF (the raw reference page).</summary>
    public static void Count()
    {
        Interlocked.Increment(ref total);
        if (Current.Value is { } box) Interlocked.Increment(ref box.Value);
    }

    protected override void Observe(DbCommand command) => Count();
}
