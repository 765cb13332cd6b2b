using System.Diagnostics;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Tests.Curriculum;

public class ContentCheckTests
{
    [Fact]
    public void The_real_content_folder_passes_the_check()
    {
        var result = ContentLoader.Load(ContentFolder.RepositoryContent);

        Assert.Empty(result.Problems.Select(p => p.ToString()));
        Assert.Equal(10, result.Library.Modules("en").Count);
        Assert.Equal(Enumerable.Range(1, 10), result.Library.Modules("en").Select(m => m.Order));
        Assert.Equal(6, result.Library.Guides("en").Count);
    }

    [Fact]
    public async Task The_command_passes_the_real_content_without_a_database()
    {
        var (exitCode, output, error) = await RunContentCheckAsync(ContentFolder.RepositoryContent);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("content OK: 10 modules, 6 guides", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task The_command_fails_on_a_broken_copy_with_path_and_line()
    {
        using var copy = ContentFolder.CopyOfRepositoryContent();
        const string file = "en/modules/03-the-machine-on-the-other-side.md";
        copy.Edit(file, text => text
            .Replace("\nminutes:", "\nminute:", StringComparison.Ordinal)
            .Replace("](/modules/down-the-rabbit-hole)", "](/modules/down-the-rabit-hole)", StringComparison.Ordinal));

        var (exitCode, _, error) = await RunContentCheckAsync(copy.Root);

        Assert.Equal(1, exitCode);
        var path = copy.PathOf(file);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                $"{path}:1: missing required field 'minutes'",
                $"{path}:{copy.LineOf(file, "minute:")}: unknown field 'minute'; see 'Module front matter' in content/README.md",
                $"{path}:{copy.LineOf(file, "/modules/down-the-rabit-hole")}: link to a module that does not exist: /modules/down-the-rabit-hole",
                "content check failed: 3 problems",
            ],
            lines);
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_broken_content_and_prints_the_same_lines()
    {
        using var content = new ContentFolder();
        var path = content.WriteModule("en", 1, "first", change: t => t.Replace("minutes: 30\n", "", StringComparison.Ordinal));

        var (exitCode, _, error) = await RunAppAsync([], new()
        {
            ["StudyGuide__ContentDirectory"] = content.Root,
            // Never reached: the content is checked before the database is touched.
            ["ConnectionStrings__StudyGuide"] = "Host=/nonexistent-socket-directory",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{path}:1: missing required field 'minutes'{Environment.NewLine}StudyGuide did not start:", error);
    }

    /// <summary>
    /// Runs the content check through the real app's entry point in its own process, as an author would.
    /// The data directory points where no database can be created, so it passes only if it never starts one.
    /// </summary>
    static Task<(int ExitCode, string Output, string Error)> RunContentCheckAsync(string directory) =>
        RunAppAsync(["content", "check", directory], new()
        {
            ["StudyGuide__DataDirectory"] = "/proc/no-database-here",
            ["ConnectionStrings__StudyGuide"] = "",
        });

    static async Task<(int ExitCode, string Output, string Error)> RunAppAsync(string[] arguments, Dictionary<string, string> environment)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        foreach (var argument in new[] { app }.Concat(arguments)) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
