namespace StudyGuide.Tests.Curriculum;

/// <summary>
/// A throwaway content folder with the same layout as the repository's, deleted afterwards. It starts with
/// the two files every curriculum needs, an English glossary and rubric, so a test writes only what it is about.
/// </summary>
public sealed class ContentFolder : IDisposable
{
    public ContentFolder()
    {
        Directory.CreateDirectory(Root);
        Write("en/glossary.md", GlossaryText);
        Write("en/rubric.md", RubricText);
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
            File.Copy(file, target, overwrite: true);
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

        ::: contested read-receipts-pressure
        Some researchers find read receipts add pressure; others find they reassure.
        :::

        ::: counterpoint
        Many people like read receipts.
        :::
        """;

    public string WriteHandout(string language, string moduleSlug, string name, string? title = null, string audience = "students", string? body = null) =>
        Write($"{language}/handouts/{moduleSlug}/{name}.md", $"""
            ---
            title: {title ?? "Handout " + name}
            audience: {audience}
            ---

            {body ?? "| Post | Who posted it |\n|---|---|\n| One | A friend |\n"}
            """);

    public const string GlossaryText = """
        ---
        title: Glossary
        terms:
          - term: read receipt
            also: [read receipts, seen indicator]
            definition: A sign that tells the sender their message has been opened.
          - term: attention economy
            definition: Businesses that earn money from the time and attention people give them.
        ---

        Words the modules use in **bold**, in plain language.
        """;

    public const string RubricText = """
        ---
        title: Reflection rubric
        ---

        | | Beginning | Developing | Secure |
        |---|---|---|---|
        | Claim | No clear position. | A position, stated. | A precise position. |
        | Evidence | None. | One example. | Sourced evidence. |
        | Counter-view | None. | Mentioned. | Answered fairly. |
        """;

    /// <summary>A complete, valid module (the example from content/README.md, shortened).</summary>
    public static string ModuleText(int order, string slug, string body) => $"""
        ---
        title: Module {slug}
        slug: {slug}
        order: {order}
        summary: How group chats shape friendships.
        themes: [persuasive design, attention economy]
        ages: 13–15
        minutes: 30
        plan:
          - step: Starter
            minutes: 5
            what: Ask who has a group chat that never stops.
          - step: Activity
            minutes: 20
            what: Groups write a chat charter.
          - step: Close
            minutes: 5
            what: Students fill in the exit ticket.
        materials:
          - text: Paper and pens for each group
        scene: The family dinner where every phone lights up at once.
        exit_ticket:
          - Name one design feature that creates pressure to reply.
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
            id: read-receipts-pressure
            note: Other researchers disagree.
        sources:
          - author: Jeff Orlowski (director)
            title: The Social Dilemma
            publisher: Exposure Labs
            year: 2020
          - author: Soroush Vosoughi, Deb Roy and Sinan Aral
            title: The spread of true and false news online
            publisher: Science
            year: 2018
            doi: 10.1126/science.aap9559
          - author: Center for Humane Technology
            title: Center for Humane Technology
            publisher: Center for Humane Technology
            year: 2024
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
