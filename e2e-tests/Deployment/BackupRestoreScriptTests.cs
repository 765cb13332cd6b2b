using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StudyGuide.E2E.Infrastructure;

namespace StudyGuide.E2E.Deployment;

/// <summary>The backup rehearsal that docs/DEPLOYMENT.md tells operators to run keeps working.</summary>
public class BackupRestoreScriptTests
{
    [Fact]
    public async Task The_backup_restore_check_dumps_restores_and_reads_the_same_thread_from_the_copy()
    {
        var script = Path.GetFullPath(Path.Combine(AppSettings.WebDirectory, "..", "scripts", "backup-restore-check"));
        var start = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CHECK_APP_DLL"] = AppSettings.WebAssembly;
        start.Environment["CHECK_PORT"] = FreePortPair().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("ConnectionStrings__StudyGuide");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        var log = await output + await errors;
        Assert.True(process.ExitCode == 0, log);
        Assert.Matches(@"passed: thread \d+ shows the same [1-9]\d* posts after backup and restore", log);
    }

    /// <summary>A free port whose next one is free too: the script listens on both.</summary>
    static int FreePortPair()
    {
        while (true)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port == IPEndPoint.MaxPort) continue;
            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                second.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
