namespace StudyGuide.Web.Curriculum;

/// <summary>One thing wrong in the content folder, printed as `path:line: message` so editors can jump to it.</summary>
public sealed record ContentProblem(string Path, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{Path}:{Line}: {Message}" : $"{Path}: {Message}";
}
