using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace StudyGuide.E2E.Infrastructure;

/// <summary>
/// The real app as a child process on a real port, run from its own build output the way an
/// operator runs it (Production environment, the project folder as working directory), and
/// stopped the way a service manager stops it (SIGTERM).
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    readonly Process process;
    readonly StringBuilder output = new();
    readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<string> setupLink = new(TaskCreationOptions.RunContinuationsAsynchronously);
    bool stopped;

    AppProcess(Process process) => this.process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the app wrote to stdout and stderr so far (all of it once stopped).</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public static async Task<AppProcess> StartAsync(AppSettings settings)
    {
        var start = settings.StartInfo(["--urls", "http://127.0.0.1:0"]);
        var app = new AppProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        app.process.OutputDataReceived += (_, e) => app.Receive(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Receive(e.Data);
        app.process.Exited += (_, _) =>
        {
            if (app.listening.Task.IsCompleted) return;
            _ = Task.Run(async () =>
            {
                await app.process.WaitForExitAsync(); // drains the output, so the message has all of it
                app.listening.TrySetException(new InvalidOperationException($"The app exited before listening:\n{app.Output}"));
            });
        };
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();

        try
        {
            app.BaseAddress = await app.listening.Task.WaitAsync(StartTimeout);
            return app;
        }
        catch (TimeoutException)
        {
            await app.DisposeAsync();
            throw new TimeoutException($"The app did not listen within {StartTimeout.TotalSeconds} s:\n{app.Output}");
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The one-time link printed on a start with no administrator.</summary>
    public async Task<string> SetupLinkAsync()
    {
        try
        {
            return await setupLink.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The app printed no setup link:\n{Output}");
        }
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C would, then waits for the process to exit and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            if (!process.HasExited) Signals.Terminate(process.Id);
            try
            {
                await process.WaitForExitAsync().WaitAsync(StopTimeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The app did not stop within {StopTimeout.TotalSeconds} s of SIGTERM:\n{Output}");
            }
        }
        // The parameterless wait also drains the redirected output, so Output is complete after this.
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (TimeoutException)
        {
            // Already killed; the test that needed a clean stop asserts on StopAsync itself.
        }
        process.Dispose();
    }

    /// <summary>Runs an operator command (`migrate`, `users create ...`) to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(AppSettings settings, params string[] arguments)
    {
        using var process = new Process { StartInfo = settings.StartInfo(arguments) };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', arguments)}` did not finish within {StartTimeout.TotalSeconds} s.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    void Receive(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } address) listening.TrySetResult(new Uri(address.Groups[1].Value));
        if (SetupLinkLine().Match(line) is { Success: true } link) setupLink.TrySetResult(link.Value);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"http://\S+/setup\?token=\S+")]
    private static partial Regex SetupLinkLine();
}

/// <summary>How the app is started: its database, and any other setting, as environment variables like an operator's.</summary>
public sealed class AppSettings
{
    internal static readonly string WebDirectory = Metadata("StudyGuide.Web.Directory");
    internal static readonly string WebAssembly = Metadata("StudyGuide.Web.Assembly");

    readonly Dictionary<string, string?> environment = new()
    {
        // Production: the error pages and asset handling users get, not the developer ones.
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = null,
        ["ASPNETCORE_URLS"] = null,
        ["ConnectionStrings__StudyGuide"] = null,
        ["StudyGuide__DataDirectory"] = null,
    };

    /// <summary>An existing database (a fresh one from <see cref="Tests.Infrastructure.TestDatabases"/>).</summary>
    public static AppSettings WithDatabase(string connectionString) =>
        new AppSettings().With("ConnectionStrings__StudyGuide", connectionString);

    /// <summary>No connection string: the app manages its own PostgreSQL cluster in this directory.</summary>
    public static AppSettings WithManagedDatabase(string dataDirectory) =>
        new AppSettings().With("StudyGuide__DataDirectory", dataDirectory);

    public AppSettings With(string variable, string? value)
    {
        environment[variable] = value;
        return this;
    }

    internal ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        if (!File.Exists(WebAssembly))
            throw new InvalidOperationException($"{WebAssembly} is missing: build the solution first (dotnet build).");

        // The dotnet CLI tells the processes it starts where it lives; fall back to PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = WebDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(WebAssembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return start;
    }

    static string Metadata(string key) =>
        typeof(AppSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

static class Signals
{
    const int SIGTERM = 15;
    const int SIGINT = 2;

    /// <summary>Process.Kill sends SIGKILL, which no app can clean up after; a service manager sends SIGTERM.</summary>
    public static void Terminate(int pid) => Send(pid, SIGTERM);

    /// <summary>PostgreSQL's "fast shutdown" signal.</summary>
    public static void Interrupt(int pid) => Send(pid, SIGINT);

    static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH: already gone */)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
