namespace StudyGuide.E2E.Infrastructure;

/// <summary>
/// A data directory for the app's managed PostgreSQL, made the way an operator would make one
/// (readable by the postgres user when the tests run as root), and removed afterwards.
/// </summary>
public sealed class ManagedDataDirectory : IDisposable
{
    public ManagedDataDirectory()
    {
        // Not Directory.CreateTempSubdirectory: it is 0700, and as root the cluster belongs to the postgres user, who must get in.
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "studyguide-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string ClusterDirectory => System.IO.Path.Combine(Path, "pgdata");

    /// <summary>PostgreSQL server processes started on this directory (the postmaster names it in its command line).</summary>
    public IReadOnlyList<int> PostgresProcesses() => PostgresProcessesOn(ClusterDirectory);

    public static IReadOnlyList<int> PostgresProcessesOn(string clusterDirectory)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid)) continue;
            string[] arguments;
            try
            {
                arguments = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // exited while we looked
            }
            if (arguments.Length > 0 && System.IO.Path.GetFileName(arguments[0]) is "postgres" or "postmaster"
                && arguments.Any(a => a.TrimEnd('/') == clusterDirectory))
            {
                found.Add(pid);
            }
        }
        return found;
    }

    public void Dispose()
    {
        // A test that failed half-way may leave its server running: stop it so it does not outlive the run.
        foreach (var pid in PostgresProcesses()) Signals.Interrupt(pid);
        for (var i = 0; i < 100 && PostgresProcesses().Count > 0; i++) Thread.Sleep(100);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }
}
