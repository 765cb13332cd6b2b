using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Accounts;

/// <summary>What every signed-in request checks about its account.</summary>
public sealed record AccountCheck(string? SecurityStamp, DateTimeOffset? SuspendedAt, DateTimeOffset? SuspendedUntil, bool MustChangePassword)
{
    public bool IsSuspendedAt(DateTimeOffset now) => Suspensions.IsActive(SuspendedAt, SuspendedUntil, now);
}

/// <summary>
/// The per-request account check (<see cref="AccountsSetup"/>), read from memory while nothing about the
/// account has changed. A round trip to PostgreSQL was the largest single cost of a signed-in page
/// (bench/RESULTS.md), and the answer only changes when a password, a suspension or the account does.
/// <list type="bullet">
/// <item>Changes saved through EF in this process forget the account before and after they are written.</item>
/// <item>Every other change (another app process, the <c>users</c> command, SQL) reaches us by a trigger on
/// <c>users</c> that notifies <see cref="Channel"/> when the transaction commits (migration AccountChangeNotifications).</item>
/// <item>Nothing is kept unless that notification channel is open: when the listening connection drops,
/// everything is forgotten and each request reads the database until it is listening again.</item>
/// </list>
/// </summary>
public sealed class AccountChecks(IServiceScopeFactory scopes, IOptions<StudyGuideOptions> settings, ILogger<AccountChecks> log) : BackgroundService, ISaveChangesInterceptor
{
    /// <summary>The trigger of migration AccountChangeNotifications notifies this name: renaming it takes a new migration.</summary>
    public const string Channel = "account_changed";
    public const string ListenerName = "StudyGuide account changes";

    // Compiled once: this query runs whenever an account is not known yet.
    static readonly Func<AppDbContext, string, Task<AccountCheck?>> ReadCheck = EF.CompileAsyncQuery(
        (AppDbContext db, string userId) => db.Users
            .Where(u => u.Id == userId)
            .Select(u => new AccountCheck(u.SecurityStamp, u.SuspendedAt, u.SuspendedUntil, u.MustChangePassword))
            .FirstOrDefault());

    readonly ConcurrentDictionary<string, AccountCheck> known = new(StringComparer.Ordinal);
    readonly Lock changes = new();
    // Moves on every change heard of: a check read while one was heard of may be stale, so it is not kept.
    long generation;
    volatile bool listening;

    public bool IsListening => listening;

    public async Task<AccountCheck?> GetAsync(AppDbContext db, string userId)
    {
        if (listening && known.TryGetValue(userId, out var check)) return check;
        var before = Interlocked.Read(ref generation);
        var current = await ReadCheck(db, userId);
        if (current is not null)
        {
            lock (changes)
            {
                if (listening && generation == before) known[userId] = current;
            }
        }
        return current;
    }

    void Forget(string userId)
    {
        lock (changes)
        {
            generation++;
            known.TryRemove(userId, out _);
        }
    }

    void ForgetAll(bool stillListening)
    {
        lock (changes)
        {
            generation++;
            listening = stillListening;
            known.Clear();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // StudyGuide:KeepAccountChecks false: read every check from the database (behind a transaction-mode
        // pooler, which cannot keep a LISTEN).
        if (!settings.Value.KeepAccountChecks) return;
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
            connectionString = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
        // Its own connection, never pooled: a LISTEN must not travel with a connection handed back to EF.
        var listener = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ListenerName, KeepAlive = 30 }.ConnectionString;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listener);
                connection.Notification += (_, e) => Forget(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Whatever changed while nobody listened is forgotten, then checks may be kept again.
                ForgetAll(stillListening: true);
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Anything else too: an exception leaving a hosted service stops the whole app, and not
            // listening only means every request reads its check from the database.
            catch (Exception e)
            {
                log.LogWarning(e, "Not listening for account changes; every request checks its account in the database until this reconnects.");
            }
            finally
            {
                ForgetAll(stillListening: false);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Changes saved through EF in this process: forgotten before the write (no request keeps the old row
    // while it is written) and again once it is written (a request that read the old row meanwhile drops it).
    // After the save EF has accepted the changes, so the accounts it wrote are noted before it, per context.
    readonly ConditionalWeakTable<DbContext, List<string>> saving = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeforeSave(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        BeforeSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => AfterSave(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return Task.CompletedTask;
    }

    void BeforeSave(DbContext? context)
    {
        if (context is null) return;
        var changed = context.ChangeTracker.Entries<User>()
            .Where(entry => entry.State == EntityState.Deleted || (entry.State == EntityState.Modified && ChangesTheCheck(entry)))
            .Select(entry => entry.Entity.Id)
            .ToList();
        if (changed.Count == 0) return;
        foreach (var id in changed) Forget(id);
        saving.AddOrUpdate(context, changed);
    }

    void AfterSave(DbContext? context)
    {
        if (context is null || !saving.TryGetValue(context, out var changed)) return;
        saving.Remove(context);
        foreach (var id in changed) Forget(id);
    }

    static bool ChangesTheCheck(EntityEntry<User> entry) =>
        entry.Property(u => u.SecurityStamp).IsModified
        || entry.Property(u => u.SuspendedAt).IsModified
        || entry.Property(u => u.SuspendedUntil).IsModified
        || entry.Property(u => u.MustChangePassword).IsModified;
}
