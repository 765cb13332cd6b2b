using System.Globalization;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Web.Groups;

public sealed record ModuleChoice(string Slug, string Title, int Order);

/// <summary>The modules a facilitator can assign: the curriculum library's, titled in the reader's language.</summary>
public interface IAssignableModules
{
    IReadOnlyList<ModuleChoice> All { get; }

    ModuleChoice? Find(string? slug);
}

public sealed class CurriculumModules(ServedCurriculum content) : IAssignableModules
{
    public IReadOnlyList<ModuleChoice> All => Library.Modules(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)
        .Select(m => new ModuleChoice(m.Slug, m.Title, m.Order))
        .ToList();

    public ModuleChoice? Find(string? slug) =>
        slug is not null && Library.FindModule(slug, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) is { } module
            ? new ModuleChoice(module.Slug, module.Title, module.Order)
            : null;

    // The web app loads the library at start-up; operator commands (demo) run before that, so load it here.
    CurriculumLibrary Library
    {
        get
        {
            if (!content.IsLoaded) content.Reload();
            return content.Library;
        }
    }
}
