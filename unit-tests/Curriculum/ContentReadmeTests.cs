using System.Text.RegularExpressions;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Tests.Curriculum;

/// <summary>content/README.md is what authors follow: its example must pass the check, and the sections the check's messages name must exist.</summary>
public sealed partial class ContentReadmeTests : IDisposable
{
    readonly ContentFolder content = new();

    public void Dispose() => content.Dispose();

    static string Readme => File.ReadAllText(Path.Combine(ContentFolder.RepositoryContent, "README.md"));

    [Fact]
    public void The_complete_example_passes_the_check()
    {
        var example = CompleteExample().Match(Readme);
        Assert.True(example.Success, "content/README.md has no ```markdown block under '## A complete example'.");
        content.Write("en/modules/99-example.md", example.Groups["module"].Value);
        content.WriteHandout("en", "example", "chat-charter");
        content.WriteGuide("en", 1, Guide.HelpSlug);
        content.WriteModule("en", 2, "designed-to-hook"); // the example's "Going further" links to it

        Assert.Empty(ContentLoader.Load(content.Root).Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Every_section_a_message_points_to_exists()
    {
        var source = File.ReadAllText(Path.Combine(ContentFolder.RepositoryContent, "..", "StudyGuide.Web", "Curriculum", "ContentLoader.cs"));
        var sections = SectionReference().Matches(source).Select(m => m.Groups["section"].Value).Distinct().ToList();
        var headings = Heading().Matches(Readme).Select(m => m.Groups["heading"].Value.Trim()).ToHashSet();

        Assert.NotEmpty(sections);
        Assert.All(sections, section => Assert.Contains(section, headings));
    }

    [GeneratedRegex(@"## A complete example.*?```markdown\n(?<module>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CompleteExample();

    // ReportUnknownFields("Section") and ReadSingleFile(..., "Section", ...): both end up as "see 'Section' in content/README.md".
    [GeneratedRegex("""(?:ReportUnknownFields\(|required, )"(?<section>[^"]+)"\)?""")]
    private static partial Regex SectionReference();

    [GeneratedRegex(@"^#{2,3} (?<heading>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
