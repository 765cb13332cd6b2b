using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace StudyGuide.Web.Data;

/// <summary>
/// A private PostgreSQL cluster kept in a directory of the app's: the default when no
/// connection string is configured, and the throwaway database server of every test run.
/// It listens on a Unix socket only (no TCP port to collide with), in a directory only its
/// owner can enter, so trust authentication on that socket is safe.
/// Several processes may use one cluster (the site, and an operator's `users create` beside it):
/// the first holds the owner lock and is the one that stops the server when it exits.
/// </summary>
public sealed class LocalPostgres : IDisposable
{
    public const string SuperUser = "studyguide";

    // PostgreSQL refuses to run as root; as root we hand the cluster to this system user.
    const string PostgresSystemUser = "postgres";

    // sun_path is 108 bytes on Linux; PostgreSQL needs room for "/.s.PGSQL.5432" and a NUL.
    const int MaxSocketDirectoryLength = 90;

    // Held (an exclusive flock) by the process that owns the cluster, for as long as it lives.
    const string OwnerLockFile = "owner.lock";

    readonly string binDirectory;
    readonly bool runAsPostgresUser;
    FileStream? ownerLock;
    bool stopped;

    LocalPostgres(string dataDirectory, string binDirectory, bool runAsPostgresUser)
    {
        DataDirectory = dataDirectory;
        this.binDirectory = binDirectory;
        this.runAsPostgresUser = runAsPostgresUser;
        ClusterDirectory = Path.Combine(dataDirectory, "pgdata");
        SocketDirectory = ChooseSocketDirectory(dataDirectory);
    }

    public string DataDirectory { get; }
    public string ClusterDirectory { get; }
    public string SocketDirectory { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Username = SuperUser,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the cluster on first use, starts it (or adopts one already running on it) and makes sure <paramref name="database"/> exists.</summary>
    /// <param name="disposable">For test runs: no fsync, since the data is thrown away.</param>
    public static async Task<LocalPostgres> StartAsync(string dataDirectory, string database, bool disposable = false, CancellationToken cancellationToken = default)
    {
        var binDirectory = FindServerBinaries()
            ?? throw new LocalPostgresException(
                "StudyGuide needs a PostgreSQL server: no initdb/pg_ctl/postgres found on PATH or under /usr/lib/postgresql/*/bin. " +
                "Install PostgreSQL server (Debian/Ubuntu: apt-get install postgresql) or set ConnectionStrings__StudyGuide to use an existing server.");

        var cluster = new LocalPostgres(Path.GetFullPath(dataDirectory), binDirectory, Environment.IsPrivilegedProcess);
        await cluster.EnsureStartedAsync(disposable, cancellationToken);
        await cluster.EnsureDatabaseAsync(database, cancellationToken);
        return cluster;
    }

    /// <summary>The directory holding initdb, pg_ctl and postgres: PATH first, then the newest /usr/lib/postgresql/N/bin.</summary>
    public static string? FindServerBinaries()
    {
        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in pathDirectories)
        {
            var pgCtl = Path.Combine(directory, "pg_ctl");
            if (!File.Exists(pgCtl)) continue;
            // Debian links /usr/local/bin/pg_ctl into /usr/lib/postgresql/N/bin; use the real directory.
            var resolved = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl;
            var resolvedDirectory = Path.GetDirectoryName(resolved)!;
            if (HasServerBinaries(resolvedDirectory)) return resolvedDirectory;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot)) return null;
        return Directory.GetDirectories(debianRoot)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(d => d.Version >= 0 && HasServerBinaries(d.Directory))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Directory)
            .FirstOrDefault();
    }

    static bool HasServerBinaries(string directory) =>
        new[] { "initdb", "pg_ctl", "postgres" }.All(name => File.Exists(Path.Combine(directory, name)));

    static string ChooseSocketDirectory(string dataDirectory)
    {
        var preferred = Path.Combine(dataDirectory, "run");
        if (preferred.Length <= MaxSocketDirectoryLength) return preferred;
        // A deep data directory would overflow the socket path: use a short, stable one instead.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..12];
        return Path.Combine(Path.GetTempPath(), $"studyguide-{hash}");
    }

    async Task EnsureStartedAsync(bool disposable, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        ownerLock = TryTakeOwnerLock();
        CreatePrivateDirectory(SocketDirectory);
        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            CreatePrivateDirectory(ClusterDirectory);
            CheckReachableByServerUser();
            var initdbArguments = new List<string> { "-D", ClusterDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C" };
            if (disposable) initdbArguments.Add("--no-sync");
            await RunAsync("initdb", initdbArguments, cancellationToken);
        }

        if (await IsRunningAsync(cancellationToken)) return; // left running by a process that was killed: adopt it
        RemoveStaleLockFiles();

        var serverOptions = $"-c listen_addresses='' -k '{SocketDirectory}' -c unix_socket_permissions=0700 -c shared_buffers={SharedBuffersMegabytes()}MB";
        // A test run's cluster serves many app instances at once (one per test class, each with its own connection pool
        // and account-change listener), more than PostgreSQL's default of 100 connections.
        if (disposable) serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
        await RunAsync("pg_ctl", ["-D", ClusterDirectory, "-l", Path.Combine(ClusterDirectory, "server.log"), "-w", "-t", "60", "-o", serverOptions, "start"], cancellationToken);
    }

    /// <summary>
    /// A quarter of the memory this process may use (the usual PostgreSQL advice), between PostgreSQL's own
    /// 128 MB default and 4 GB. The default keeps a small fraction of a large forum's posts in memory, and a
    /// thread nobody read lately then costs more than a hot one (bench/RESULTS.md). Memory is taken only as
    /// pages are used.
    /// </summary>
    static long SharedBuffersMegabytes() =>
        Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / (1024 * 1024), 128, 4096);

    /// <summary>Null when another live process already owns the cluster; the kernel releases the lock if its holder dies.</summary>
    FileStream? TryTakeOwnerLock()
    {
        try
        {
            // FileShare.None is an exclusive flock on Unix.
            return new FileStream(Path.Combine(DataDirectory, OwnerLockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(ClusterDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return false;
        var result = await RunAsync("pg_ctl", ["-D", ClusterDirectory, "status"], cancellationToken, throwOnFailure: false);
        if (result.ExitCode != 0) return false;
        // pg_ctl only checks that the PID is alive; after a crash and a reboot that PID may belong to anything.
        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        return int.TryParse(firstLine, out var pid) && IsPostgresProcess(pid);
    }

    static bool IsPostgresProcess(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    void RemoveStaleLockFiles()
    {
        // A crash (power cut, kill -9 of the machine) leaves these behind; the server is not running, so they are stale.
        File.Delete(Path.Combine(ClusterDirectory, "postmaster.pid"));
        foreach (var lockFile in Directory.GetFiles(SocketDirectory, ".s.PGSQL.*")) File.Delete(lockFile);
    }

    async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Stops the server (fast shutdown: open sessions are closed, data is flushed), unless another process owns it.</summary>
    public void Stop()
    {
        if (stopped) return;
        stopped = true;
        NpgsqlConnection.ClearAllPools();
        // A command run beside the site must not take the site's database down with it.
        if (ownerLock is null) return;
        RunAsync("pg_ctl", ["-D", ClusterDirectory, "-m", "fast", "-w", "-t", "60", "stop"], CancellationToken.None, throwOnFailure: false)
            .GetAwaiter().GetResult();
        ownerLock.Dispose();
    }

    public void Dispose() => Stop();

    /// <summary>
    /// For sweeping up after killed test runs: stops the server of <paramref name="dataDirectory"/> at once (its data
    /// is thrown away) when no live process owns it. The kernel drops the owner lock when its process dies, however it
    /// dies, so a lock we can take means the owner is gone; unlike a recorded PID, this cannot be fooled by PID reuse.
    /// A lock younger than <paramref name="minimumAge"/> is left alone: its process may be between creating the
    /// directory and taking the lock. Returns the lock, held until disposed so nothing adopts the cluster meanwhile,
    /// or null when the directory is not abandoned (or belongs to another user).
    /// </summary>
    internal static IDisposable? StopIfAbandoned(string dataDirectory, TimeSpan minimumAge)
    {
        var lockPath = Path.Combine(dataDirectory, OwnerLockFile);
        // Nothing writes to the lock file, so its time is when its owner took the lock.
        if (!File.Exists(lockPath) || DateTime.UtcNow - File.GetLastWriteTimeUtc(lockPath) < minimumAge) return null;
        FileStream held;
        try
        {
            held = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var cluster = new LocalPostgres(dataDirectory, FindServerBinaries() ?? "", Environment.IsPrivilegedProcess);
        if (cluster.binDirectory.Length > 0 && File.Exists(Path.Combine(cluster.ClusterDirectory, "postmaster.pid")))
        {
            cluster.RunAsync("pg_ctl", ["-D", cluster.ClusterDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], CancellationToken.None, throwOnFailure: false)
                .GetAwaiter().GetResult();
        }
        return held;
    }

    /// <summary>What the kernel does to the owner lock when its process is killed: for tests of the sweep.</summary>
    internal void DropOwnerLockAsIfKilled() => ownerLock?.Dispose();

    void CreatePrivateDirectory(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (runAsPostgresUser) RunBlocking("chown", [$"{PostgresSystemUser}:", path]);
    }

    void CheckReachableByServerUser()
    {
        if (!runAsPostgresUser) return;
        if (RunBlocking("runuser", ["-u", PostgresSystemUser, "--", "test", "-w", ClusterDirectory]) != 0)
            throw new LocalPostgresException(
                $"StudyGuide runs as root, so its PostgreSQL runs as the '{PostgresSystemUser}' user, who cannot reach {ClusterDirectory}. " +
                "Set StudyGuide__DataDirectory to a directory every user can traverse (for example /var/lib/studyguide), or run as an ordinary user.");
    }

    static int RunBlocking(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken, bool throwOnFailure = true)
    {
        var executable = Path.Combine(binDirectory, program);
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/", // the server user may not be able to enter the caller's directory
        };
        if (runAsPostgresUser)
        {
            start.FileName = "runuser";
            foreach (var prefix in new[] { "-u", PostgresSystemUser, "--", executable }) start.ArgumentList.Add(prefix);
        }
        else
        {
            start.FileName = executable;
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = (await output) + (await error);
        if (throwOnFailure && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed (exit {process.ExitCode}): {text.Trim()}");
        return (process.ExitCode, text);
    }
}

public sealed class LocalPostgresException(string message) : Exception(message);
