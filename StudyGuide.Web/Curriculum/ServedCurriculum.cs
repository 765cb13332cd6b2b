using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace StudyGuide.Web.Curriculum;

/// <summary>
/// The curriculum the app is serving. Pages read <see cref="Library"/>, which is immutable; a reload
/// builds a whole new library and swaps it in atomically, and only when the files have no problems.
/// </summary>
public sealed class ServedCurriculum(IOptions<StudyGuideOptions> settings, IHostEnvironment environment, IStringLocalizer<SharedResource> l)
{
    readonly Lock reloading = new();
    CurriculumLibrary? library;

    public string Directory { get; } = ResolveDirectory(settings.Value, environment.ContentRootPath);

    public CurriculumLibrary Library => Volatile.Read(ref library) ?? CurriculumLibrary.Empty;

    public bool IsLoaded => Volatile.Read(ref library) is not null;

    /// <summary>`StudyGuide:ContentDirectory`, relative to the content root unless absolute (as in Docker).</summary>
    public static string ResolveDirectory(StudyGuideOptions settings, string contentRootPath) =>
        Path.GetFullPath(Path.Combine(contentRootPath, settings.ContentDirectory));

    /// <summary>Reads every file again; returns the problems found, in which case the previous library stays.</summary>
    public IReadOnlyList<ContentProblem> Reload()
    {
        lock (reloading)
        {
            var result = ContentLoader.Load(Directory, LabelsFor);
            if (result.Problems.Count == 0) Volatile.Write(ref library, result.Library);
            return result.Problems;
        }
    }

    // Rendering happens once, so each file's box headings are fixed in the file's own language.
    BoxLabels LabelsFor(string language)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return new BoxLabels(l["Activity"], l["Note"], l["Question"], l["Counterpoint"], l["Contested claim"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
