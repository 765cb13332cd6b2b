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
        Assert.Equal(3, result.Library.Guides("en").Count);
    }

    [Fact]
    public async Task The_command_passes_the_real_content_without_a_database()
    {
        var (exitCode, output, error) = await RunContentCheckAsync(ContentFolder.RepositoryContent);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("content OK: 10 modules, 3 guides", output);
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

    /// <summary>
    /// Runs the real app's entry point in its own process, as an author would. The data directory points
    /// somewhere no database can be created, so the command passes only if it never starts one.
    /// </summary>
    static async Task<(int ExitCode, string Output, string Error)> RunContentCheckAsync(string directory)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        foreach (var argument in new[] { app, "content", "check", directory }) start.ArgumentList.Add(argument);
        start.Environment["StudyGuide__DataDirectory"] = "/proc/no-database-here";
        start.Environment["ConnectionStrings__StudyGuide"] = "";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
