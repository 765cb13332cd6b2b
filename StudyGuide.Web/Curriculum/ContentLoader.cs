using System.Globalization;
using System.Text.RegularExpressions;

namespace StudyGuide.Web.Curriculum;

public sealed record ContentLoadResult(CurriculumLibrary Library, IReadOnlyList<ContentProblem> Problems);

/// <summary>
/// Reads `&lt;lang&gt;/modules/NN-slug.md`, `&lt;lang&gt;/guides/slug.md`, `&lt;lang&gt;/handouts/module-slug/name.md`,
/// `&lt;lang&gt;/glossary.md` and `&lt;lang&gt;/rubric.md` under the content folder, checks them against the format in
/// content/README.md, and renders each body once. Reports every problem it finds (not just the first),
/// each with its file and line. content/README.md itself is never read.
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
        var handouts = new List<LoadedHandout>();
        var glossaries = new List<Glossary>();
        var rubrics = new List<Rubric>();
        foreach (var language in CurriculumLibrary.Languages)
        {
            var labels = labelsFor(language);
            var required = language == CurriculumLibrary.DefaultLanguage;
            if (ReadSingleFile(Path.Combine(directory, language, "glossary.md"), required, "Glossary", problems) is { } glossaryFile
                && ReadGlossary(glossaryFile, language, labels) is { } glossary)
                glossaries.Add(glossary);
            if (ReadSingleFile(Path.Combine(directory, language, "rubric.md"), required, "The reflection rubric", problems) is { } rubricFile
                && ReadRubric(rubricFile, language, labels) is { } rubric)
                rubrics.Add(rubric);

            // A translation's bold phrases resolve against its own glossary once there is one, the English one until then.
            var termsFor = glossaries.FirstOrDefault(g => g.Language == language) ?? glossaries.FirstOrDefault(g => g.Language == CurriculumLibrary.DefaultLanguage);
            foreach (var path in MarkdownFiles(Path.Combine(directory, language, "modules")))
                files.Add(Read(path, problems) is { } parsed ? ReadModule(parsed, language, labels, termsFor) : Unreadable(path, language, DocumentKind.Module));
            foreach (var path in MarkdownFiles(Path.Combine(directory, language, "guides")))
                files.Add(Read(path, problems) is { } parsed ? ReadGuide(parsed, language, labels) : Unreadable(path, language, DocumentKind.Guide));
            var handoutFolder = Path.Combine(directory, language, "handouts");
            if (Directory.Exists(handoutFolder))
            {
                foreach (var moduleFolder in Directory.GetDirectories(handoutFolder).Order(StringComparer.Ordinal))
                {
                    foreach (var path in MarkdownFiles(moduleFolder))
                    {
                        if (Read(path, problems) is { } parsed) handouts.Add(ReadHandout(parsed, language, Path.GetFileName(moduleFolder), labels));
                    }
                }
            }
        }

        foreach (var kind in new[] { DocumentKind.Module, DocumentKind.Guide })
        {
            var ofKind = files.Where(f => f.Kind == kind).ToList();
            CheckUnique(ofKind, problems);
            CheckTranslations(ofKind, problems);
        }
        CheckLinks(files, handouts, problems);
        CheckHandouts(files, handouts, problems);
        CheckHelpGuide(files, problems);

        var library = new CurriculumLibrary(
            files.Select(f => f.Document).OfType<Module>().ToList(),
            files.Select(f => f.Document).OfType<Guide>().ToList(),
            handouts.Select(h => h.Handout).OfType<Handout>().ToList(),
            glossaries,
            rubrics);
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

    static LoadedFile ReadModule(ParsedFile file, string language, BoxLabels labels, Glossary? glossary)
    {
        var f = file.Fields;
        var title = f.Text("title");
        var slug = f.Text("slug");
        var order = f.Number("order", 1, 999);
        var summary = f.Text("summary");
        var themes = f.TextList("themes", 1, 4);
        var ages = ReadAges(f);
        var minutes = f.Number("minutes", 30, 90);
        var plan = f.EntryList("plan", min: 1, required: true, ReadStep);
        var handoutsListed = new List<HandoutReference>();
        var materials = f.EntryList("materials", min: 1, required: true, entry => ReadMaterial(entry, handoutsListed));
        var scene = ReadScene(f);
        var exitTicket = f.TextList("exit_ticket", 1, 3);
        var objectives = f.TextList("objectives", 2, 4);
        var prompts = f.TextList("prompts", 3, 5);
        var reflection = f.Text("reflection");
        var actions = ReadActions(f);
        var claimLines = new List<ClaimLine>();
        var claims = f.EntryList("claims", min: 0, required: false, entry => ReadClaim(entry, claimLines));
        var sources = f.EntryList("sources", min: 2, required: true, ReadSource);
        f.ReportUnknownFields("Module front matter");

        if (plan is not null && minutes is not null && plan.Sum(s => s.Minutes) is var planned && planned != minutes)
            f.Report(f.LineOf("plan"), $"the plan's steps add up to {planned} minutes, but 'minutes' is {minutes}: make them equal");

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

        if (glossary is null)
            f.Report(f.StartLine, $"no glossary to check this module's bold phrases against: add {Path.Combine(CurriculumLibrary.DefaultLanguage, "glossary.md")}");
        var rendered = Render(file, labels, glossary);
        if (rendered.Complete && !rendered.Body.Html.Value.Contains("box-counterpoint", StringComparison.Ordinal))
            f.Report(f.StartLine, "a module needs at least one '::: counterpoint' box: the strongest objection to its argument, fairly stated");
        if (claims is not null && rendered.Complete) CheckContestedBoxes(file, claimLines, rendered.ContestedBoxes);

        var loaded = new LoadedFile(file.Path, language, DocumentKind.Module, slug, order, f.LineOf("slug"), f.LineOf("order"), file.BodyFirstLine, rendered.Links)
        {
            HandoutsListed = handoutsListed,
            WellBeingLine = themes?.Contains(Module.WellBeingTheme) == true ? f.LineOf("themes") : null,
        };
        if (title is null || slug is null || order is null || summary is null || themes is null || minutes is null
            || objectives is null || prompts is null || reflection is null || actions is null || claims is null || sources is null
            || ages is null || plan is null || materials is null || scene is null || exitTicket is null)
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
            Ages = ages,
            Plan = plan,
            Materials = materials,
            Scene = scene,
            ExitTicket = exitTicket,
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
        var claimLines = new List<ClaimLine>();
        var claims = f.EntryList("claims", min: 0, required: false, entry => ReadClaim(entry, claimLines));
        var sources = f.EntryList("sources", min: 0, required: false, ReadSource);
        f.ReportUnknownFields("Guide front matter");

        var expected = Path.GetFileNameWithoutExtension(file.Path);
        if (slug is not null && slug != expected)
            f.Report(f.LineOf("slug"), $"the slug '{slug}' must match the file name: '{expected}'");
        CheckSlug(f, slug);

        var rendered = Render(file, labels);
        if (claims is not null && rendered.Complete) CheckContestedBoxes(file, claimLines, rendered.ContestedBoxes);
        var loaded = new LoadedFile(file.Path, language, DocumentKind.Guide, slug, order, f.LineOf("slug"), f.LineOf("order"), file.BodyFirstLine, rendered.Links);
        if (title is null || slug is null || summary is null || audience is null || order is null || claims is null || sources is null) return loaded;
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
            Claims = claims,
            Sources = sources,
            },
        };
    }

    static string? ReadAges(FrontMatter f)
    {
        if (f.Text("ages") is not { } ages) return null;
        if (Module.AgeBands.Contains(ages)) return ages;
        f.Report(f.LineOf("ages"), $"'ages' must be one of {string.Join(", ", Module.AgeBands)} (with an en dash, –), not '{ages}'");
        return null;
    }

    static string? ReadScene(FrontMatter f)
    {
        if (f.Text("scene") is not { } scene) return null;
        if (!Timestamp().IsMatch(scene)) return scene;
        f.Report(f.LineOf("scene"), "'scene' describes the part of the film by what happens in it, not by a timestamp: versions and players differ");
        return null;
    }

    static PlanStep? ReadStep(FrontMatter entry)
    {
        var step = entry.Text("step");
        var minutes = entry.Number("minutes", 1, 60);
        var what = entry.Text("what");
        entry.ReportUnknownFields("Module front matter");
        return step is null || minutes is null || what is null ? null : new PlanStep(step, minutes.Value, what);
    }

    static Material? ReadMaterial(FrontMatter entry, List<HandoutReference> handoutsListed)
    {
        var text = entry.Text("text");
        var handout = entry.Text("handout", required: false);
        entry.ReportUnknownFields("Module front matter");
        if (handout is not null)
        {
            if (!SlugPattern().IsMatch(handout))
            {
                entry.Report(entry.LineOf("handout"), $"'handout' in 'materials' names a handout file without '.md': lowercase letters, digits and hyphens, not '{handout}'");
                return null;
            }
            handoutsListed.Add(new HandoutReference(handout, entry.LineOf("handout")));
        }
        return text is null ? null : new Material(text, handout);
    }

    static LoadedHandout ReadHandout(ParsedFile file, string language, string moduleSlug, BoxLabels labels)
    {
        var f = file.Fields;
        var title = f.Text("title");
        var audienceText = f.Text("audience");
        f.ReportUnknownFields("Handouts");
        HandoutAudience? audience = audienceText switch
        {
            null => null,
            "students" => HandoutAudience.Students,
            "teachers" => HandoutAudience.Teachers,
            _ => null,
        };
        if (audienceText is not null && audience is null)
            f.Report(f.LineOf("audience"), $"'audience' must be students or teachers, not '{audienceText}'");
        var name = Path.GetFileNameWithoutExtension(file.Path);
        var nameIsValid = SlugPattern().IsMatch(name);
        if (!nameIsValid)
            f.Report(1, $"a handout file is named with lowercase letters, digits and hyphens, like two-feeds.md, not '{name}.md'");

        var rendered = Render(file, labels);
        var loaded = new LoadedHandout(file.Path, language, moduleSlug, name, rendered.Links, file.BodyFirstLine);
        if (title is null || audience is null || !nameIsValid) return loaded;
        return loaded with { Handout = new Handout(language, moduleSlug, name, title, audience.Value, rendered.Body, file.Path) };
    }

    static Glossary? ReadGlossary(ParsedFile file, string language, BoxLabels labels)
    {
        var f = file.Fields;
        var title = f.Text("title");
        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var terms = f.EntryList("terms", min: 1, required: true, entry => ReadTerm(entry, forms, ids));
        f.ReportUnknownFields("Glossary");
        var rendered = Render(file, labels);
        return title is null || terms is null ? null : new Glossary(language, title, terms, rendered.Body);
    }

    /// <param name="forms">Every form seen so far, folded, with the term it belongs to: one form may name one term only.</param>
    /// <param name="ids">Every anchor seen so far, with its term: two terms with the same slug would share an anchor.</param>
    static GlossaryTerm? ReadTerm(FrontMatter entry, Dictionary<string, string> forms, Dictionary<string, string> ids)
    {
        var term = entry.Text("term");
        var also = entry.TextList("also", 0, int.MaxValue, required: false);
        var definition = entry.Text("definition");
        entry.ReportUnknownFields("Glossary");
        if (term is null || also is null || definition is null) return null;

        var id = TermId(term);
        if (id.Length == 0)
        {
            entry.Report(entry.LineOf("term"), $"the term '{term}' needs at least one letter or digit");
            return null;
        }
        if (!ids.TryAdd(id, term))
        {
            entry.Report(entry.LineOf("term"), $"the term '{term}' has the same anchor (#{id}) as '{ids[id]}': merge them or reword one");
            return null;
        }
        var clean = true;
        foreach (var form in also.Prepend(term))
        {
            if (!forms.TryAdd(Glossary.Folded(form), term) && forms[Glossary.Folded(form)] is var other)
            {
                entry.Report(entry.LineOf(form == term ? "term" : "also"),
                    other == term ? $"'{form}' is listed twice for the term '{term}'" : $"'{form}' is already a form of the term '{other}': a bold phrase must name one term");
                clean = false;
            }
        }
        return clean ? new GlossaryTerm(term, id, also, definition) : null;
    }

    static Rubric? ReadRubric(ParsedFile file, string language, BoxLabels labels)
    {
        var f = file.Fields;
        var title = f.Text("title");
        f.ReportUnknownFields("The reflection rubric");
        var rendered = Render(file, labels);
        if (rendered.Complete && !rendered.Body.Html.Value.Contains("<table", StringComparison.Ordinal))
            f.Report(f.StartLine, "the rubric's body is a Markdown table: the three levels across, the three criteria down");
        return title is null ? null : new Rubric(language, title, rendered.Body);
    }

    /// <summary>The glossary and the rubric: one file per language, required in English.</summary>
    static ParsedFile? ReadSingleFile(string path, bool required, string readmeSection, List<ContentProblem> problems)
    {
        if (File.Exists(path)) return Read(path, problems);
        if (required) problems.Add(new ContentProblem(path, 0, $"this file is missing; see '{readmeSection}' in content/README.md"));
        return null;
    }

    /// <summary>The glossary anchor of a term: lowercase ASCII letters and digits joined by hyphens ("Like button" → like-button).</summary>
    public static string TermId(string term)
    {
        var letters = new System.Text.StringBuilder();
        foreach (var c in term.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            letters.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        return string.Join('-', letters.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
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

    static Claim? ReadClaim(FrontMatter entry, List<ClaimLine> claimLines)
    {
        var text = entry.Text("text");
        var source = PublicReference(entry, "source", required: true);
        var url = SourceUrl(entry);
        var statusText = entry.Text("status");
        var note = entry.Text("note", required: false);
        var id = entry.Text("id", required: false);
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
        var idIsValid = true;
        if (id is not null && !SlugPattern().IsMatch(id))
        {
            entry.Report(entry.LineOf("id"), $"'id' in 'claims' may use only lowercase letters, digits and single hyphens, not '{id}'");
            idIsValid = false;
        }
        else if (id is not null && claimLines.Any(c => c.Id == id))
        {
            entry.Report(entry.LineOf("id"), $"the claim id '{id}' is already used in this file");
            idIsValid = false;
        }
        else if (id is null && status == ClaimStatus.Contested)
        {
            entry.Report(entry.LineOf("status"), "a contested claim needs an 'id', which its '::: contested <id>' box in the body names");
            idIsValid = false;
        }
        claimLines.Add(new ClaimLine(id, status, entry.EntryLine));
        return text is null || source is null || status is null || (status == ClaimStatus.Contested && note is null) || !idIsValid
            ? null
            : new Claim(text, source, url, status.Value, note, id);
    }

    static Source? ReadSource(FrontMatter entry)
    {
        var author = PublicReference(entry, "author", required: true);
        var title = PublicReference(entry, "title", required: true);
        var publisher = PublicReference(entry, "publisher", required: true);
        var year = ReadYear(entry);
        var doi = ReadDoi(entry);
        var url = SourceUrl(entry);
        var note = PublicReference(entry, "note", required: false);
        entry.ReportUnknownFields("Sources");
        return author is null || title is null || publisher is null || year is null || doi is "" || url is ""
            ? null
            : new Source(author, title, publisher, year.Value, doi, url, note);
    }

    static int? ReadYear(FrontMatter entry)
    {
        if (entry.Text("year") is not { } year) return null;
        if (FourDigitYear().IsMatch(year)) return int.Parse(year, CultureInfo.InvariantCulture);
        entry.Report(entry.LineOf("year"), $"'year' in 'sources' must be the four-digit year of publication, like 2018, not '{year}'");
        return null;
    }

    /// <returns>Null when absent, "" after reporting a problem.</returns>
    static string? ReadDoi(FrontMatter entry)
    {
        if (entry.Text("doi", required: false) is not { } doi) return null;
        if (Doi().IsMatch(doi)) return doi;
        entry.Report(entry.LineOf("doi"), $"'doi' in 'sources' is the DOI alone, starting with 10. (like 10.1126/science.aap9559), not '{doi}'");
        return "";
    }

    /// <summary>
    /// A source's or claim's address: a public http(s) address, never a path inside this project. Null when
    /// absent, "" after reporting a problem.
    /// </summary>
    static string? SourceUrl(FrontMatter entry)
    {
        if (entry.Text("url", required: false) is not { } url) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out _) || url.StartsWith('/'))
        {
            entry.Report(entry.LineOf("url"), $"a source may not point inside this project: '{url}' is a relative link; cite the original publication by its public address (https://...)");
            return "";
        }
        return entry.Url("url") ?? "";
    }

    /// <summary>A source's text field, refused when it cites this project's own notes instead of the original publication.</summary>
    static string? PublicReference(FrontMatter entry, string field, bool required)
    {
        if (entry.Text(field, required) is not { } text) return null;
        if (ProjectNotes().Match(text) is not { Success: true } match) return text;
        entry.Report(entry.LineOf(field), $"a source may not point inside this project ('{match.Value}' in '{field}'): cite the original publication it relies on");
        return null;
    }

    static void CheckContestedBoxes(ParsedFile file, List<ClaimLine> claims, IReadOnlyList<ContestedBox> boxes)
    {
        var contested = claims.Where(c => c.Status == ClaimStatus.Contested && c.Id is not null).ToList();
        foreach (var claim in contested.Where(c => boxes.All(b => b.ClaimId != c.Id)))
            file.Fields.Report(claim.Line, $"the contested claim '{claim.Id}' has no '::: contested {claim.Id}' box: the body must say it is contested too");
        foreach (var box in boxes.Where(b => contested.All(c => c.Id != b.ClaimId)))
        {
            var message = claims.Any(c => c.Id == box.ClaimId)
                ? $"the box '::: contested {box.ClaimId}' names a claim that is not contested: give it 'status: contested' or use another kind of box"
                : $"the box '::: contested {box.ClaimId}' names no claim: add a claim with 'id: {box.ClaimId}' and 'status: contested' to the front matter";
            file.Problems.Add(new ContentProblem(file.Path, file.BodyFirstLine + box.Line, message));
        }
    }

    static void CheckSlug(FrontMatter f, string? slug)
    {
        if (slug is not null && !SlugPattern().IsMatch(slug))
            f.Report(f.LineOf("slug"), $"the slug '{slug}' may use only lowercase letters, digits and single hyphens");
    }

    static RenderedMarkdown Render(ParsedFile file, BoxLabels labels, Glossary? glossary = null)
    {
        var rendered = Markdown.Render(file.Body, labels, glossary);
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

    static void CheckLinks(List<LoadedFile> files, List<LoadedHandout> handouts, List<ContentProblem> problems)
    {
        // Translations share the English slugs, so the English files decide what exists. A file whose
        // front matter is broken still counts under its file name, so one mistake is reported once.
        var existing = files.Where(f => f.Language == CurriculumLibrary.DefaultLanguage)
            .Select(f => (f.Kind, f.Slug ?? f.SlugFromFileName))
            .ToHashSet();
        var linking = files.Select(f => (f.Path, f.BodyFirstLine, f.Links)).Concat(handouts.Select(h => (h.Path, h.BodyFirstLine, h.Links)));
        foreach (var (path, bodyFirstLine, links) in linking)
        {
            foreach (var link in links.Where(l => !existing.Contains((l.Kind, l.Slug))))
            {
                var what = link.Kind == DocumentKind.Module ? "module" : "guide";
                problems.Add(new ContentProblem(path, bodyFirstLine + link.Line, $"link to a {what} that does not exist: /{what}s/{link.Slug}"));
            }
        }
    }

    /// <summary>Every handout a module lists exists, and every handout file is listed by its module: nothing shipped goes unused.</summary>
    static void CheckHandouts(List<LoadedFile> files, List<LoadedHandout> handouts, List<ContentProblem> problems)
    {
        var modules = files.Where(f => f.Kind == DocumentKind.Module && f.Slug is not null).ToList();
        // A translation without its own handout prints the English one, as it shows the English module.
        bool Exists(string language, string moduleSlug, string name) => handouts.Any(h =>
            h.ModuleSlug == moduleSlug && h.Name == name && (h.Language == language || h.Language == CurriculumLibrary.DefaultLanguage));
        foreach (var module in modules)
        {
            foreach (var listed in module.HandoutsListed.Where(h => !Exists(module.Language, module.Slug!, h.Name)))
            {
                var expected = Path.Combine(CurriculumLibrary.DefaultLanguage, "handouts", module.Slug!, listed.Name + ".md");
                problems.Add(new ContentProblem(module.Path, listed.Line, $"the handout '{listed.Name}' does not exist: add {expected}"));
            }
        }
        foreach (var handout in handouts)
        {
            var module = modules.FirstOrDefault(m => m.Slug == handout.ModuleSlug && m.Language == handout.Language)
                ?? modules.FirstOrDefault(m => m.Slug == handout.ModuleSlug && m.Language == CurriculumLibrary.DefaultLanguage);
            if (module is null)
                problems.Add(new ContentProblem(handout.Path, 1, $"no module has the slug '{handout.ModuleSlug}': a handout's folder is named after its module's slug"));
            else if (module.HandoutsListed.All(h => h.Name != handout.Name))
                problems.Add(new ContentProblem(handout.Path, 1, $"this handout is not listed in the materials of {module.Path}: add '- text: ...' with 'handout: {handout.Name}' there"));
        }
    }

    /// <summary>A module about well-being links to the help guide at its top, so that guide must exist.</summary>
    static void CheckHelpGuide(List<LoadedFile> files, List<ContentProblem> problems)
    {
        var helpExists = files.Any(f => f.Kind == DocumentKind.Guide && f.Language == CurriculumLibrary.DefaultLanguage
            && (f.Slug ?? f.SlugFromFileName) == Guide.HelpSlug);
        if (helpExists) return;
        foreach (var module in files.Where(f => f.WellBeingLine is not null))
            problems.Add(new ContentProblem(module.Path, module.WellBeingLine!.Value,
                $"a module with the theme '{Module.WellBeingTheme}' links to the guide '{Guide.HelpSlug}', which does not exist: add guides/{Guide.HelpSlug}.md"));
    }

    static LoadedFile Unreadable(string path, string language, DocumentKind kind) =>
        new(path, language, kind, Slug: null, Order: null, SlugLine: 1, OrderLine: 1, BodyFirstLine: 1, Links: []);

    /// <summary>What the cross-file checks need from each file, even one whose front matter is incomplete.</summary>
    sealed record LoadedFile(
        string Path, string Language, DocumentKind Kind, string? Slug, int? Order,
        int SlugLine, int OrderLine, int BodyFirstLine, IReadOnlyList<InternalLink> Links)
    {
        public ContentDocument? Document { get; init; }

        /// <summary>The handouts a module's materials name, with the line of each 'handout:'.</summary>
        public IReadOnlyList<HandoutReference> HandoutsListed { get; init; } = [];

        /// <summary>The line of a module's themes when they include well-being.</summary>
        public int? WellBeingLine { get; init; }

        public string SlugFromFileName
        {
            get
            {
                var name = System.IO.Path.GetFileNameWithoutExtension(Path);
                return Kind == DocumentKind.Module && ModuleFileName().Match(name + ".md") is { Success: true } match ? match.Groups["slug"].Value : name;
            }
        }
    }

    sealed record LoadedHandout(string Path, string Language, string ModuleSlug, string Name, IReadOnlyList<InternalLink> Links, int BodyFirstLine)
    {
        public Handout? Handout { get; init; }
    }

    sealed record HandoutReference(string Name, int Line);

    sealed record ClaimLine(string? Id, ClaimStatus? Status, int Line);

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex FourDigitYear();

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex Doi();

    // "12:30" or "1:02:03": a scene pointer names what happens, since timestamps differ between versions.
    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b")]
    private static partial Regex Timestamp();

    // How a citation of this project's own notes reads, rather than of a publication.
    [GeneratedRegex(@"curriculum[ -]sources|\b(the|this|our) project['’]s\b|\bthis project\b|\bproject notes\b|\.\./|CURRICULUM-SOURCES", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectNotes();

    [GeneratedRegex(@"^(?<order>\d{2,3})-(?<slug>.+)\.md$")]
    private static partial Regex ModuleFileName();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
