using StudyGuide.Web.Data;

namespace StudyGuide.Web.Curriculum;

/// <summary>
/// Fills the search table from the loaded content (Program.cs loads it first, to refuse a bad start
/// with a clean message; a host built without that check loads it here), and in Development reloads
/// changed files without a restart. A reload with problems keeps the previous library and logs them.
/// </summary>
public sealed class CurriculumStartup(
    ServedCurriculum content,
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    ILogger<CurriculumStartup> logger) : IHostedService, IDisposable
{
    // Editors save in several steps (temporary file, rename, touch); wait for the burst to settle.
    static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(300);

    FileSystemWatcher? watcher;
    Timer? settle;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!content.IsLoaded && content.Reload() is { Count: > 0 } problems)
            throw new InvalidOperationException("The curriculum files have problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        await RefreshSearchAsync(cancellationToken);
        if (environment.IsDevelopment()) Watch();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        watcher?.Dispose();
        settle?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        watcher?.Dispose();
        settle?.Dispose();
    }

    async Task RefreshSearchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await CurriculumSearch.RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), content.Library, cancellationToken);
    }

    void Watch()
    {
        settle = new Timer(_ => _ = ReloadAsync());
        watcher = new FileSystemWatcher(content.Directory, "*.md") { IncludeSubdirectories = true };
        watcher.Changed += (_, _) => settle.Change(SettleTime, Timeout.InfiniteTimeSpan);
        watcher.Created += (_, _) => settle.Change(SettleTime, Timeout.InfiniteTimeSpan);
        watcher.Deleted += (_, _) => settle.Change(SettleTime, Timeout.InfiniteTimeSpan);
        watcher.Renamed += (_, _) => settle.Change(SettleTime, Timeout.InfiniteTimeSpan);
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching {Directory} for curriculum changes", content.Directory);
    }

    async Task ReloadAsync()
    {
        try
        {
            var problems = content.Reload();
            if (problems.Count > 0)
            {
                logger.LogWarning("Curriculum not reloaded; still showing the previous version. Problems:{NewLine}{Problems}",
                    Environment.NewLine, string.Join(Environment.NewLine, problems));
                return;
            }
            await RefreshSearchAsync(CancellationToken.None);
            logger.LogInformation("Curriculum reloaded from {Directory}", content.Directory);
        }
        catch (Exception e)
        {
            // A file caught mid-save, or the database briefly away: the next save tries again. Nothing
            // here may escape, since it runs on a timer with no caller to handle it.
            logger.LogWarning(e, "Curriculum reload failed; still showing the previous version");
        }
    }
}
