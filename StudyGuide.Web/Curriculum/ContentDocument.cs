using StudyGuide.Web.Security;

namespace StudyGuide.Web.Curriculum;

/// <summary>A module or a guide, as loaded from one Markdown file and rendered once.</summary>
public abstract record ContentDocument
{
    public required string Language { get; init; }
    public required string Slug { get; init; }
    public required int Order { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required RenderedBody Body { get; init; }

    /// <summary>Every statistic and every contested or self-reported claim the text makes; optional on guides.</summary>
    public required IReadOnlyList<Claim> Claims { get; init; }
    public required IReadOnlyList<Source> Sources { get; init; }

    /// <summary>The file it came from, for messages.</summary>
    public required string Path { get; init; }

    public abstract DocumentKind Kind { get; }
}

public enum DocumentKind
{
    Module,
    Guide,
}

public sealed record Module : ContentDocument
{
    public required IReadOnlyList<string> Themes { get; init; }
    public required int Minutes { get; init; }
    public required IReadOnlyList<string> Objectives { get; init; }
    public required IReadOnlyList<string> Prompts { get; init; }
    public required string Reflection { get; init; }
    public required ModuleActions Actions { get; init; }

    /// <summary>One of <see cref="AgeBands"/>.</summary>
    public required string Ages { get; init; }

    /// <summary>Every step of the lesson, in order; their minutes add up to <see cref="Minutes"/>.</summary>
    public required IReadOnlyList<PlanStep> Plan { get; init; }
    public required IReadOnlyList<Material> Materials { get; init; }

    /// <summary>Which part of the film the module draws on, described by scene rather than timestamp.</summary>
    public required string Scene { get; init; }
    public required IReadOnlyList<string> ExitTicket { get; init; }

    public static readonly IReadOnlyList<string> AgeBands = ["11–13", "13–15", "15–18", "16+", "adults"];

    /// <summary>The theme whose modules point readers to the help guide.</summary>
    public const string WellBeingTheme = "well-being";

    public bool TouchesWellBeing => Themes.Contains(WellBeingTheme);

    public override DocumentKind Kind => DocumentKind.Module;
}

public sealed record Guide : ContentDocument
{
    public required string Audience { get; init; }

    /// <summary>Where to find help, by country: every well-being module links to it at its top.</summary>
    public const string HelpSlug = "where-to-find-help";

    public override DocumentKind Kind => DocumentKind.Guide;
}

/// <summary>From the personal to the systemic: the film's climate analogy made concrete.</summary>
public sealed record ModuleActions(string Me, string Us, string System);

public enum ClaimStatus
{
    Established,
    Contested,
    SelfReported,
}

/// <param name="Id">Names the claim in its `::: contested id` box; required when contested.</param>
public sealed record Claim(string Text, string Source, string? Url, ClaimStatus Status, string? Note, string? Id = null);

/// <param name="Doi">The bare DOI (10.xxxx/...), shown as a https://doi.org/ link.</param>
public sealed record Source(string Author, string Title, string Publisher, int Year, string? Doi, string? Url, string? Note)
{
    public string? DoiUrl => Doi is null ? null : "https://doi.org/" + Doi;
}

public sealed record PlanStep(string Step, int Minutes, string What);

/// <param name="Handout">The name of one of the module's handouts, when the material is shipped as one.</param>
public sealed record Material(string Text, string? Handout);

public enum HandoutAudience
{
    Students,
    Teachers,
}

/// <summary>A printable page of a module (`&lt;lang&gt;/handouts/&lt;module-slug&gt;/&lt;name&gt;.md`), one A4 page when printed.</summary>
public sealed record Handout(string Language, string ModuleSlug, string Name, string Title, HandoutAudience Audience, RenderedBody Body, string Path);

/// <param name="Id">The term's anchor on the glossary page: the slug of <see cref="Term"/>.</param>
/// <param name="Also">Other forms of the term that a module may bold (plurals, abbreviations).</param>
public sealed record GlossaryTerm(string Term, string Id, IReadOnlyList<string> Also, string Definition);

public sealed record Glossary(string Language, string Title, IReadOnlyList<GlossaryTerm> Terms, RenderedBody Intro)
{
    readonly Dictionary<string, GlossaryTerm> forms = Terms
        .SelectMany(t => new[] { t.Term }.Concat(t.Also).Select(form => (Form: Folded(form), Term: t)))
        .DistinctBy(f => f.Form)
        .ToDictionary(f => f.Form, f => f.Term, StringComparer.Ordinal);

    /// <summary>The term a bold phrase names: its term or an 'also' form, in any case, spaces and apostrophes folded.</summary>
    public GlossaryTerm? Find(string phrase) => forms.GetValueOrDefault(Folded(phrase));

    /// <summary>How two spellings of a term are compared: authors type straight or curly apostrophes and wrap lines anywhere.</summary>
    public static string Folded(string phrase) =>
        string.Join(' ', phrase.Replace('\u2019', '\'').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

/// <summary>The three-level rubric for written reflections, shared by every module and assignment.</summary>
public sealed record Rubric(string Language, string Title, RenderedBody Body);

public sealed record RenderedBody(SanitizedHtml Html, IReadOnlyList<TocEntry> Contents, string Text);

public sealed record TocEntry(int Level, string Id, string Text);
