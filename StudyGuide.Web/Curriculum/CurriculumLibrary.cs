namespace StudyGuide.Web.Curriculum;

/// <summary>
/// Every module and guide, loaded and rendered once, never changed afterwards: a reload builds a new
/// library and swaps it in whole. English is the reference; a reader of another language sees that
/// language's file where there is one, and the English one otherwise. Handouts, the glossary and the
/// rubric follow the same rule.
/// </summary>
public sealed class CurriculumLibrary
{
    public const string DefaultLanguage = "en";
    public static readonly IReadOnlyList<string> Languages = [DefaultLanguage, "fr"];

    public static readonly CurriculumLibrary Empty = new([], []);

    readonly Dictionary<string, View> views;
    readonly IReadOnlyList<Handout> handouts;
    readonly IReadOnlyList<Glossary> glossaries;
    readonly IReadOnlyList<Rubric> rubrics;

    public CurriculumLibrary(
        IReadOnlyList<Module> modules,
        IReadOnlyList<Guide> guides,
        IReadOnlyList<Handout>? handouts = null,
        IReadOnlyList<Glossary>? glossaries = null,
        IReadOnlyList<Rubric>? rubrics = null)
    {
        Documents = [.. modules, .. guides];
        this.handouts = handouts ?? [];
        this.glossaries = glossaries ?? [];
        this.rubrics = rubrics ?? [];
        var englishModules = modules.Where(m => m.Language == DefaultLanguage).OrderBy(m => m.Order).ToList();
        var englishGuides = guides.Where(g => g.Language == DefaultLanguage).OrderBy(g => g.Order).ToList();
        views = Languages.ToDictionary(language => language, language => new View(
            englishModules.Select(m => modules.FirstOrDefault(t => t.Language == language && t.Slug == m.Slug) ?? m).ToList(),
            englishGuides.Select(g => guides.FirstOrDefault(t => t.Language == language && t.Slug == g.Slug) ?? g).ToList()));
        Themes = englishModules.SelectMany(m => m.Themes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every file as loaded, in every language (what the search index holds).</summary>
    public IReadOnlyList<ContentDocument> Documents { get; }

    /// <summary>The theme words of all modules, alphabetical.</summary>
    public IReadOnlyList<string> Themes { get; }

    /// <summary>The modules in curriculum order, each in <paramref name="language"/> where translated.</summary>
    public IReadOnlyList<Module> Modules(string language) => ViewOf(language).Modules;

    public IReadOnlyList<Guide> Guides(string language) => ViewOf(language).Guides;

    public Module? FindModule(string slug, string language) => ViewOf(language).Modules.FirstOrDefault(m => m.Slug == slug);

    public Guide? FindGuide(string slug, string language) => ViewOf(language).Guides.FirstOrDefault(g => g.Slug == slug);

    public ContentDocument? Find(DocumentKind kind, string slug, string language) =>
        kind == DocumentKind.Module ? FindModule(slug, language) : FindGuide(slug, language);

    public Handout? FindHandout(string moduleSlug, string name, string language) =>
        InLanguage(handouts.Where(h => h.ModuleSlug == moduleSlug && h.Name == name), h => h.Language, language);

    /// <summary>A module's handouts, in the order its materials list them.</summary>
    public IReadOnlyList<Handout> HandoutsOf(Module module, string language) =>
        module.Materials.Where(m => m.Handout is not null)
            .Select(m => FindHandout(module.Slug, m.Handout!, language))
            .OfType<Handout>()
            .ToList();

    public Glossary? Glossary(string language) => InLanguage(glossaries, g => g.Language, language);

    public Rubric? Rubric(string language) => InLanguage(rubrics, r => r.Language, language);

    public (Module? Previous, Module? Next) Neighbours(Module module, string language)
    {
        var modules = ViewOf(language).Modules;
        var index = modules.FindIndex(m => m.Slug == module.Slug);
        return (index > 0 ? modules[index - 1] : null, index >= 0 && index < modules.Count - 1 ? modules[index + 1] : null);
    }

    View ViewOf(string language) => views.GetValueOrDefault(language) ?? views[DefaultLanguage];

    static T? InLanguage<T>(IEnumerable<T> candidates, Func<T, string> languageOf, string language) where T : class
    {
        T? english = null;
        foreach (var candidate in candidates)
        {
            if (languageOf(candidate) == language) return candidate;
            if (languageOf(candidate) == DefaultLanguage) english = candidate;
        }
        return english;
    }

    sealed record View(List<Module> Modules, List<Guide> Guides);
}
