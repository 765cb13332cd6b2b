using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Npgsql;

namespace StudyGuide.Web.Bench;

/// <summary>
/// The benchmark's switch (bench/run): `StudyGuide:Bench` = true adds reference endpoints under
/// /__bench and counts SQL commands per request. Never on in a real deployment: /__bench/stats tells
/// anyone how busy the server is.
/// </summary>
public static class BenchEndpoints
{
    /// <summary>The bench's services, and its request counting first in the pipeline: nothing unless the switch is on.</summary>
    public static void AddBenchIfSwitchedOn(this WebApplicationBuilder builder, StudyGuideOptions settings, string connectionString)
    {
        if (!settings.Bench) return;
        var services = builder.Services;
        // The raw page's own pool, beside EF's: the floor a database page can reach without EF.
        services.AddSingleton(new BenchDataSource(NpgsqlDataSource.Create(connectionString)));
        services.AddSingleton<SqlCommandCounter>();
        services.AddTransient<IStartupFilter, BenchStartupFilter>();
    }

    /// <summary>The reference endpoints, mapped with the app's own so they pass through the same middleware (the cookie check among it).</summary>
    public static void MapBenchIfSwitchedOn(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<StudyGuideOptions>>().Value.Bench) return;
        app.MapGet("/__bench/plaintext", () => Results.Text("Hello, World!"));
        // Read by bench/run before and after each wrk run: allocated bytes per request are the delta over the requests.
        app.MapGet("/__bench/stats", (SqlCommandCounter sqlCommands) => Results.Json(new
        {
            allocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
            requests = BenchStats.Requests,
            sqlCommands = sqlCommands.Total,
            workingSet = Environment.WorkingSet,
            // CPU time of this process: per request, it depends far less than req/s on what else the machine runs.
            cpuMicroseconds = (long)(Environment.CpuUsage.TotalTime.TotalMilliseconds * 1000),
            gen0 = GC.CollectionCount(0),
            gen1 = GC.CollectionCount(1),
            gen2 = GC.CollectionCount(2),
        }));
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
sealed class BenchStartupFilter(SqlCommandCounter sqlCommands) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            // The stats reads themselves are not part of what is measured.
            if (!context.Request.Path.StartsWithSegments("/__bench/stats")) BenchStats.CountRequest();
            var count = sqlCommands.BeginRequest();
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

/// <summary>
/// Counts the SQL commands (round trips) this app's requests send, per request and in total, whoever sends
/// them: EF, a hand-written command on EF's connection, or the raw page's own data source. Npgsql asks the
/// listeners of its ActivitySource ("Npgsql") whether to trace each command it sends; this one counts the
/// question and answers no, so nothing is recorded or allocated for it. Physical connection opens
/// ("CONNECT …") are asked about too, and are not commands.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    // Per counter, not static: tests run several apps in one process, each counting its own requests.
    readonly AsyncLocal<StrongBox<int>?> current = new();
    readonly ActivityListener listener;
    long total;

    public SqlCommandCounter()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
            {
                if (!options.Name.StartsWith("CONNECT ", StringComparison.Ordinal)) Count();
                return ActivitySamplingResult.None;
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public long Total => Interlocked.Read(ref total);

    public StrongBox<int> BeginRequest()
    {
        var box = new StrongBox<int>();
        current.Value = box;
        return box;
    }

    void Count()
    {
        if (current.Value is not { } box) return; // not one of this app's requests
        Interlocked.Increment(ref box.Value);
        Interlocked.Increment(ref total);
    }

    public void Dispose() => listener.Dispose();
}
