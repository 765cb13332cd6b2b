using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Web;

/// <summary>
/// The app as an operator runs it: published, then started from whatever directory their service manager
/// or shell is in. Slow (it publishes the app), so it checks the one thing only a published app can get wrong.
/// </summary>
public partial class PublishedAppTests(TestDatabases databases)
{
    static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Started_from_another_directory_the_published_app_serves_its_stylesheets()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var repository = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("studyguide-published-");
        try
        {
            var published = Path.Combine(work.FullName, "app");
            var elsewhere = Directory.CreateDirectory(Path.Combine(work.FullName, "elsewhere")).FullName;
            var (exitCode, output) = await RunToEndAsync(
                ["publish", Path.Combine(repository, "StudyGuide.Web", "StudyGuide.Web.csproj"), "-c", "Release", "-o", published], repository);
            Assert.True(exitCode == 0, output);

            using var app = StartApp(Path.Combine(published, "StudyGuide.Web.dll"), elsewhere, new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__StudyGuide"] = await databases.CreateDatabaseAsync(),
                ["StudyGuide__ContentDirectory"] = Path.Combine(repository, "content"),
            });
            using var client = new HttpClient { BaseAddress = await app.ListeningAsync() };

            var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/", cancellationToken));
            var stylesheet = home.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
            Assert.NotNull(stylesheet);
            var response = await client.GetAsync(stylesheet, cancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleanup.
            }
        }
    }

    static ProcessStartInfo Dotnet(IEnumerable<string> arguments, string workingDirectory)
    {
        // The dotnet CLI tells the processes it starts where it lives; fall back to PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // `dotnet test` runs this process under MSBuild, whose variables would steer the nested build and the app.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        return start;
    }

    static async Task<(int ExitCode, string Output)> RunToEndAsync(string[] arguments, string workingDirectory)
    {
        using var process = Process.Start(Dotnet(arguments, workingDirectory))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(PublishTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`dotnet {string.Join(' ', arguments)}` did not finish within {PublishTimeout.TotalMinutes} min.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    static RunningApp StartApp(string assembly, string workingDirectory, Dictionary<string, string> environment)
    {
        var start = Dotnet([assembly, "--urls", "http://127.0.0.1:0"], workingDirectory);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new RunningApp(start);
    }

    /// <summary>The app as a child process; killed when disposed (it keeps nothing: its database is the test's).</summary>
    sealed partial class RunningApp : IDisposable
    {
        readonly Process process;
        readonly StringBuilder output = new();
        readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RunningApp(ProcessStartInfo start)
        {
            process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Receive(e.Data);
            process.ErrorDataReceived += (_, e) => Receive(e.Data);
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The app exited before listening."));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public async Task<Uri> ListeningAsync()
        {
            try
            {
                return await listening.Task.WaitAsync(StartTimeout);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                await Task.Delay(500); // lets the last lines arrive
                lock (output) throw new InvalidOperationException($"{e.Message}\n{output}", e);
            }
        }

        void Receive(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } address) listening.TrySetResult(new Uri(address.Groups[1].Value));
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }

        [GeneratedRegex(@"Now listening on: (http://\S+)")]
        private static partial Regex ListeningLine();
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StudyGuide.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("No StudyGuide.slnx above " + AppContext.BaseDirectory);
    }
}
