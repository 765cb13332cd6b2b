namespace StudyGuide.Tests.Curriculum;

/// <summary>A throwaway content folder with the same layout as the repository's, deleted afterwards.</summary>
public sealed class ContentFolder : IDisposable
{
    public ContentFolder()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "studyguide-content-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The repository's own content/ folder: the one the app ships with.</summary>
    public static string RepositoryContent
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "StudyGuide.slnx"))) return Path.Combine(directory.FullName, "content");
            }
            throw new InvalidOperationException("No StudyGuide.slnx above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A copy of the repository's content, to break on purpose.</summary>
    public static ContentFolder CopyOfRepositoryContent()
    {
        var folder = new ContentFolder();
        var source = RepositoryContent;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return folder;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Writes a file; returns its full path (what problems start with).</summary>
    public string Write(string relativePath, string text)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string Edit(string relativePath, Func<string, string> change) => Write(relativePath, change(File.ReadAllText(PathOf(relativePath))));

    /// <summary>The 1-based line of the first line of <paramref name="relativePath"/> that contains <paramref name="text"/>.</summary>
    public int LineOf(string relativePath, string text)
    {
        var lines = File.ReadAllLines(PathOf(relativePath));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return index >= 0 ? index + 1 : throw new InvalidOperationException($"'{text}' is not in {relativePath}");
    }

    /// <summary>The line after the closing '---' of the front matter.</summary>
    public int BodyFirstLine(string relativePath) =>
        Array.FindIndex(File.ReadAllLines(PathOf(relativePath)), 1, l => l == "---") + 2;

    public string WriteModule(string language, int order, string slug, string? body = null, Func<string, string>? change = null)
    {
        var text = ModuleText(order, slug, body ?? DefaultModuleBody);
        return Write($"{language}/modules/{order:00}-{slug}.md", change is null ? text : change(text));
    }

    public string WriteGuide(string language, int order, string slug, string? body = null, Func<string, string>? change = null)
    {
        var text = $"""
            ---
            title: Guide {slug}
            slug: {slug}
            summary: How to run a session.
            audience: Club organisers
            order: {order}
            ---

            {body ?? "## Before\n\nPrepare the room.\n"}
            """;
        return Write($"{language}/guides/{slug}.md", change is null ? text : change(text));
    }

    public const string DefaultModuleBody = """
        ## Context

        Group chats shape friendships.

        ::: counterpoint
        Many people like read receipts.
        :::
        """;

    /// <summary>A complete, valid module (the example from content/README.md, shortened).</summary>
    public static string ModuleText(int order, string slug, string body) => $"""
        ---
        title: Module {slug}
        slug: {slug}
        order: {order}
        summary: How group chats shape friendships.
        themes: [persuasive design, well-being]
        minutes: 30
        objectives:
          - Students can describe two design features of group chats.
          - Students can suggest one group agreement.
        prompts:
          - What makes a group chat feel welcoming?
          - Is it rude not to reply?
          - What would you change?
        reflection: Describe one change that would make a group chat better.
        actions:
          me: Mute one busy chat for an evening.
          us: Agree on a "no replies after 10 pm" rule.
          system: Decide whether read receipts should be off by default.
        claims:
          - text: Read receipts increase pressure to reply.
            source: An example study, 2020
            status: contested
            note: Other researchers disagree.
        sources:
          - title: The Social Dilemma (documentary, 2020)
          - title: Center for Humane Technology
            url: https://www.humanetech.com/
        ---

        {body}
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }
}
