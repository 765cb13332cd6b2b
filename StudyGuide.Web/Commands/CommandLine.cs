using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Curriculum;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Commands;

/// <summary>
/// Operator commands: `dotnet run --project StudyGuide.Web -- migrate | users ... | content check | demo | posts rerender`.
/// Each prints what it did, or one clear line on stderr and a non-zero exit code.
/// </summary>
public sealed class CommandLine
{
    static readonly string[] Verbs = ["migrate", "users", "content", "demo", "posts"];

    readonly string[] args;

    CommandLine(string[] args) => this.args = args;

    /// <summary>Null when the arguments start the web app rather than a command.</summary>
    public static CommandLine? Parse(string[] args) =>
        args.Length > 0 && Verbs.Contains(args[0]) ? new CommandLine(args) : null;

    /// <summary>`content ...` reads files only: authors can run it without a database server.</summary>
    public bool NeedsDatabase => args[0] != "content";

    public const string Usage = """
        Usage:
          content check [DIR]                       check the curriculum files (default: StudyGuide:ContentDirectory)
          migrate                                   apply database migrations and exit
          users list                                list accounts and their roles
          users create --email E --password P [--role Admin|Moderator|Teacher] [--name "Display name"] [--username U]
          users set-password (--email E | --username U) --password P
          demo                                      fill an empty database with a demo class, club and accounts
          posts rerender [--all]                    render stored posts again with this version's pipeline (--all: every post)
        """;

    public async Task<int> RunAsync(IServiceProvider services, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await Database.MigrateAsync(db);

        try
        {
            return args switch
            {
                ["migrate"] => Done(output, "The database is up to date."),
                ["users", "list"] => await UsersCommand.ListAsync(scope.ServiceProvider, output),
                ["users", "create", .. var options] => await UsersCommand.CreateAsync(scope.ServiceProvider, Options.Parse(options), output),
                ["demo"] => await DemoData.RunAsync(scope.ServiceProvider, output),
                ["users", "set-password", .. var options] => await UsersCommand.SetPasswordAsync(scope.ServiceProvider, Options.Parse(options), output),
                ["posts", "rerender"] => await Rerender(db, all: false, output),
                ["posts", "rerender", "--all"] => await Rerender(db, all: true, output),
                _ => throw new CommandException("Unknown command: " + string.Join(' ', args) + Environment.NewLine + Usage),
            };
        }
        catch (CommandException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    public int RunWithoutDatabase(StudyGuideOptions settings, string contentRootPath, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        switch (args)
        {
            case ["content", "check"]:
                var configured = ServedCurriculum.ResolveDirectory(settings, contentRootPath);
                return ContentCheckCommand.Run(ContentCheckCommand.Displayed(configured), output, error);
            case ["content", "check", var directory]:
                return ContentCheckCommand.Run(directory, output, error);
            default:
                error.WriteLine("Unknown command: " + string.Join(' ', args) + Environment.NewLine + Usage);
                return 1;
        }
    }

    static async Task<int> Rerender(AppDbContext db, bool all, TextWriter output)
    {
        await PostRerendering.RunAsync(db, all, output);
        return 0;
    }

    static int Done(TextWriter output, string message)
    {
        output.WriteLine(message);
        return 0;
    }
}

public sealed class CommandException(string message) : Exception(message);

/// <summary>`--name value` pairs; a flag given twice or without a value is an error.</summary>
public sealed class Options
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
                throw new CommandException($"Unexpected argument '{name}'. Options are written --name value.");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new CommandException($"Option {name} needs a value.");
            if (!options.values.TryAdd(name[2..], args[++i]))
                throw new CommandException($"Option {name} is given twice.");
        }
        return options;
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public string Require(string name) =>
        Get(name) is { Length: > 0 } value ? value : throw new CommandException($"Missing --{name}.");

    public void AllowOnly(params string[] names)
    {
        var unknown = values.Keys.Except(names).ToList();
        if (unknown.Count > 0) throw new CommandException($"Unknown option --{unknown[0]}. Allowed: {string.Join(", ", names.Select(n => "--" + n))}.");
    }
}
