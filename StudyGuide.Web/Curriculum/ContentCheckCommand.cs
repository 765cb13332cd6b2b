namespace StudyGuide.Web.Curriculum;

/// <summary>`content check [DIR]`: what authors run before sharing a change. Reads files only; needs no database.</summary>
public static class ContentCheckCommand
{
    public static int Run(string directory, TextWriter output, TextWriter error)
    {
        var result = ContentLoader.Load(directory);
        foreach (var problem in result.Problems) error.WriteLine(problem);
        if (result.Problems.Count > 0)
        {
            error.WriteLine(result.Problems.Count == 1 ? "content check failed: 1 problem" : $"content check failed: {result.Problems.Count} problems");
            return 1;
        }

        var documents = result.Library.Documents;
        int Count<T>(bool english) => documents.Count(d => d is T && (d.Language == CurriculumLibrary.DefaultLanguage) == english);
        output.WriteLine($"content OK: {Count<Module>(true)} modules, {Count<Guide>(true)} guides (translations: {Count<Module>(false)} modules, {Count<Guide>(false)} guides)");
        return 0;
    }

    /// <summary>A path relative to the current directory when it is inside it: shorter, and what an editor expects.</summary>
    public static string Displayed(string fullPath)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }
}
