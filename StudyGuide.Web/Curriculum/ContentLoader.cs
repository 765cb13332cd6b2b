using System.Globalization;
using System.Text.RegularExpressions;

namespace StudyGuide.Web.Curriculum;

public sealed record ContentLoadResult(CurriculumLibrary Library, IReadOnlyList<ContentProblem> Problems);

/// <summary>
/// Reads `&lt;lang&gt;/modules/NN-slug.md` and `&lt;lang&gt;/guides/slug.md` under the content folder, checks
/// them against the format in content/README.md, and renders each body once. Reports every problem it
/// finds (not just the first), each with its file and line. content/README.md itself is never read.
/// </summary>
public static partial class ContentLoader
{
    /// <summary>A lesson is a few thousand words; anything far larger is a mistake (or an attack on the renderer).</summary>
    public const int MaxFileBytes = 512 * 1024;

    static readonly CurriculumMarkdown Markdown = new();

    /// <param name="directory">Paths in problems start with this, exactly as given.</param>
    /// <param name="labelsFor">The box headings for a language; English when not given.</param>
    public static ContentLoadResult Load(string directory, Func<string, BoxLabels>? labelsFor = null)
    {
        labelsFor ??= _ => BoxLabels.English;
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(Path.Combine(directory, CurriculumLibrary.DefaultLanguage)))
        {
            problems.Add(new ContentProblem(directory, 0, $"no '{CurriculumLibrary.DefaultLanguage}' folder here: is this the content folder?"));
            return new ContentLoadResult(CurriculumLibrary.Empty, problems);
        }

        var files = new List<LoadedFile>();
        foreach (var language in CurriculumLibrary.Languages)
        {
            var labels = labelsFor(language);
            foreach (var path in MarkdownFiles(Path.Combine(directory, language, "modules")))
                files.Add(Read(path, problems) is { } parsed ? ReadModule(parsed, language, labels) : Unreadable(path, language, DocumentKind.Module));
            foreach (var path in MarkdownFiles(Path.Combine(directory, language, "guides")))
                files.Add(Read(path, problems) is { } parsed ? ReadGuide(parsed, language, labels) : Unreadable(path, language, DocumentKind.Guide));
        }

        foreach (var kind in new[] { DocumentKind.Module, DocumentKind.Guide })
        {
            var ofKind = files.Where(f => f.Kind == kind).ToList();
            CheckUnique(ofKind, problems);
            CheckTranslations(ofKind, problems);
        }
        CheckLinks(files, problems);

        var library = new CurriculumLibrary(
            files.Select(f => f.Document).OfType<Module>().ToList(),
            files.Select(f => f.Document).OfType<Guide>().ToList());
        var ordered = problems
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Line)
            .ToList();
        return new ContentLoadResult(library, ordered);
    }

    static IEnumerable<string> MarkdownFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal)
            : [];

    /// <summary>A file split into front matter and body, with the file lines where each starts.</summary>
    sealed record ParsedFile(string Path, FrontMatter Fields, string Body, int BodyFirstLine, List<ContentProblem> Problems);

    static ParsedFile? Read(string path, List<ContentProblem> problems)
    {
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            problems.Add(new ContentProblem(path, 1, $"the file is larger than {MaxFileBytes / 1024} KB; split it into smaller modules"));
            return null;
        }
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        if (lines[0].TrimEnd('\r', ' ') != "---")
        {
            problems.Add(new ContentProblem(path, 1, "the file must start with front matter: a line '---', the fields, and another line '---'"));
            return null;
        }
        var closing = Array.FindIndex(lines, 1, l => l.TrimEnd('\r', ' ') == "---");
        if (closing < 0)
        {
            problems.Add(new ContentProblem(path, 1, "the front matter is never closed: add a line '---' after the last field"));
            return null;
        }

        var yaml = string.Join('\n', lines[1..closing]);
        if (FrontMatter.Parse(yaml, path, firstYamlLine: 2, problems) is not { } fields) return null;
        var body = string.Join('\n', lines[(closing + 1)..]);
        return new ParsedFile(path, fields, body, BodyFirstLine: closing + 2, problems);
    }

    static LoadedFile ReadModule(ParsedFile file, string language, BoxLabels labels)
    {
        var f = file.Fields;
        var title = f.Text("title");
        var slug = f.Text("slug");
        var order = f.Number("order", 1, 999);
        var summary = f.Text("summary");
        var themes = f.TextList("themes", 1, 4);
        var minutes = f.Number("minutes", 30, 60);
        var objectives = f.TextList("objectives", 2, 4);
        var prompts = f.TextList("prompts", 3, 5);
        var reflection = f.Text("reflection");
        var actions = ReadActions(f);
        var claims = f.EntryList("claims", min: 0, required: false, ReadClaim);
        var sources = f.EntryList("sources", min: 2, required: true, ReadSource);
        f.ReportUnknownFields("Module front matter");

        var name = Path.GetFileName(file.Path);
        if (ModuleFileName().Match(name) is not { Success: true } match)
        {
            f.Report(1, "a module file is named NN-slug.md, for example 03-the-machine-on-the-other-side.md");
        }
        else
        {
            if (slug is not null && match.Groups["slug"].Value != slug)
                f.Report(f.LineOf("slug"), $"the slug '{slug}' must match the file name after the number: '{match.Groups["slug"].Value}'");
            if (order is not null && int.Parse(match.Groups["order"].Value, CultureInfo.InvariantCulture) != order)
                f.Report(f.LineOf("order"), $"order {order} must match the number at the start of the file name ({match.Groups["order"].Value})");
        }
        CheckSlug(f, slug);
        if (themes is not null)
        {
            foreach (var theme in themes.Where(t => t != t.ToLowerInvariant()))
                f.Report(f.LineOf("themes"), $"the theme '{theme}' must be written in lowercase, like the shared theme words");
        }

        var rendered = Render(file, labels);
        if (rendered.Complete && !rendered.Body.Html.Value.Contains("box-counterpoint", StringComparison.Ordinal))
            f.Report(f.StartLine, "a module needs at least one '::: counterpoint' box: the strongest objection to its argument, fairly stated");

        var loaded = new LoadedFile(file.Path, language, DocumentKind.Module, slug, order, f.LineOf("slug"), f.LineOf("order"), file.BodyFirstLine, rendered.Links);
        if (title is null || slug is null || order is null || summary is null || themes is null || minutes is null
            || objectives is null || prompts is null || reflection is null || actions is null || claims is null || sources is null)
            return loaded;

        return loaded with
        {
            Document = new Module
        {
            Language = language,
            Slug = slug,
            Order = order.Value,
            Title = title,
            Summary = summary,
            Body = rendered.Body,
            Path = file.Path,
            Themes = themes,
            Minutes = minutes.Value,
            Objectives = objectives,
            Prompts = prompts,
            Reflection = reflection,
            Actions = actions,
            Claims = claims,
            Sources = sources,
            },
        };
    }

    static LoadedFile ReadGuide(ParsedFile file, string language, BoxLabels labels)
    {
        var f = file.Fields;
        var title = f.Text("title");
        var slug = f.Text("slug");
        var summary = f.Text("summary");
        var audience = f.Text("audience");
        var order = f.Number("order", 1, 999);
        f.ReportUnknownFields("Guide front matter");

        var expected = Path.GetFileNameWithoutExtension(file.Path);
        if (slug is not null && slug != expected)
            f.Report(f.LineOf("slug"), $"the slug '{slug}' must match the file name: '{expected}'");
        CheckSlug(f, slug);

        var rendered = Render(file, labels);
        var loaded = new LoadedFile(file.Path, language, DocumentKind.Guide, slug, order, f.LineOf("slug"), f.LineOf("order"), file.BodyFirstLine, rendered.Links);
        if (title is null || slug is null || summary is null || audience is null || order is null) return loaded;
        return loaded with
        {
            Document = new Guide
        {
            Language = language,
            Slug = slug,
            Order = order.Value,
            Title = title,
            Summary = summary,
            Audience = audience,
            Body = rendered.Body,
            Path = file.Path,
            },
        };
    }

    static ModuleActions? ReadActions(FrontMatter f)
    {
        if (f.Mapping("actions") is not { } actions) return null;
        var me = actions.Text("me");
        var us = actions.Text("us");
        var system = actions.Text("system");
        actions.ReportUnknownFields("Actions");
        return me is null || us is null || system is null ? null : new ModuleActions(me, us, system);
    }

    static Claim? ReadClaim(FrontMatter entry)
    {
        var text = entry.Text("text");
        var source = entry.Text("source");
        var url = entry.Url("url");
        var statusText = entry.Text("status");
        var note = entry.Text("note", required: false);
        entry.ReportUnknownFields("Claims");
        ClaimStatus? status = statusText switch
        {
            null => null,
            "established" => ClaimStatus.Established,
            "contested" => ClaimStatus.Contested,
            "self-reported" => ClaimStatus.SelfReported,
            _ => null,
        };
        if (statusText is not null && status is null)
            entry.Report(entry.LineOf("status"), $"'status' in 'claims' must be established, contested or self-reported, not '{statusText}'");
        if (status == ClaimStatus.Contested && note is null)
            entry.Report(entry.LineOf("status"), "a contested claim needs a 'note': in one sentence, who disagrees and why");
        return text is null || source is null || status is null || (status == ClaimStatus.Contested && note is null)
            ? null
            : new Claim(text, source, url, status.Value, note);
    }

    static Source? ReadSource(FrontMatter entry)
    {
        var title = entry.Text("title");
        var url = entry.Url("url");
        var note = entry.Text("note", required: false);
        entry.ReportUnknownFields("Module front matter");
        return title is null ? null : new Source(title, url, note);
    }

    static void CheckSlug(FrontMatter f, string? slug)
    {
        if (slug is not null && !SlugPattern().IsMatch(slug))
            f.Report(f.LineOf("slug"), $"the slug '{slug}' may use only lowercase letters, digits and single hyphens");
    }

    static RenderedMarkdown Render(ParsedFile file, BoxLabels labels)
    {
        var rendered = Markdown.Render(file.Body, labels);
        foreach (var issue in rendered.Issues)
            file.Problems.Add(new ContentProblem(file.Path, file.BodyFirstLine + issue.Line, issue.Message));
        return rendered;
    }

    static void CheckUnique(List<LoadedFile> files, List<ContentProblem> problems)
    {
        foreach (var language in files.GroupBy(f => f.Language))
        {
            var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
            var orders = new Dictionary<int, string>();
            foreach (var file in language)
            {
                if (file.Slug is { } slug && !slugs.TryAdd(slug, file.Path))
                    problems.Add(new ContentProblem(file.Path, file.SlugLine, $"the slug '{slug}' is already used by {slugs[slug]}"));
                if (file.Order is { } order && !orders.TryAdd(order, file.Path))
                    problems.Add(new ContentProblem(file.Path, file.OrderLine, $"order {order} is already used by {orders[order]}"));
            }
        }
    }

    static void CheckTranslations(List<LoadedFile> files, List<ContentProblem> problems)
    {
        var originals = files.Where(f => f.Language == CurriculumLibrary.DefaultLanguage && f.Slug is not null)
            .GroupBy(f => f.Slug!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var translation in files.Where(f => f.Language != CurriculumLibrary.DefaultLanguage && f.Slug is not null))
        {
            if (!originals.TryGetValue(translation.Slug!, out var original))
                problems.Add(new ContentProblem(translation.Path, translation.SlugLine,
                    $"no English original with the slug '{translation.Slug}': a translation uses the same file name and slug as the English file"));
            else if (original.Order is { } englishOrder && translation.Order is { } order && order != englishOrder)
                problems.Add(new ContentProblem(translation.Path, translation.OrderLine,
                    $"order {order} differs from the English file's order ({englishOrder})"));
        }
    }

    static void CheckLinks(List<LoadedFile> files, List<ContentProblem> problems)
    {
        // Translations share the English slugs, so the English files decide what exists. A file whose
        // front matter is broken still counts under its file name, so one mistake is reported once.
        var existing = files.Where(f => f.Language == CurriculumLibrary.DefaultLanguage)
            .Select(f => (f.Kind, f.Slug ?? f.SlugFromFileName))
            .ToHashSet();
        foreach (var file in files)
        {
            foreach (var link in file.Links.Where(l => !existing.Contains((l.Kind, l.Slug))))
            {
                var what = link.Kind == DocumentKind.Module ? "module" : "guide";
                problems.Add(new ContentProblem(file.Path, file.BodyFirstLine + link.Line, $"link to a {what} that does not exist: /{what}s/{link.Slug}"));
            }
        }
    }

    static LoadedFile Unreadable(string path, string language, DocumentKind kind) =>
        new(path, language, kind, Slug: null, Order: null, SlugLine: 1, OrderLine: 1, BodyFirstLine: 1, Links: []);

    /// <summary>What the cross-file checks need from each file, even one whose front matter is incomplete.</summary>
    sealed record LoadedFile(
        string Path, string Language, DocumentKind Kind, string? Slug, int? Order,
        int SlugLine, int OrderLine, int BodyFirstLine, IReadOnlyList<InternalLink> Links)
    {
        public ContentDocument? Document { get; init; }

        public string SlugFromFileName
        {
            get
            {
                var name = System.IO.Path.GetFileNameWithoutExtension(Path);
                return Kind == DocumentKind.Module && ModuleFileName().Match(name + ".md") is { Success: true } match ? match.Groups["slug"].Value : name;
            }
        }
    }

    [GeneratedRegex(@"^(?<order>\d{2,3})-(?<slug>.+)\.md$")]
    private static partial Regex ModuleFileName();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
