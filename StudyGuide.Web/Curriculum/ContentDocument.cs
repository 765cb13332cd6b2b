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
    public required IReadOnlyList<Claim> Claims { get; init; }
    public required IReadOnlyList<Source> Sources { get; init; }

    public override DocumentKind Kind => DocumentKind.Module;
}

public sealed record Guide : ContentDocument
{
    public required string Audience { get; init; }

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

public sealed record Claim(string Text, string Source, string? Url, ClaimStatus Status, string? Note);

public sealed record Source(string Title, string? Url, string? Note);

public sealed record RenderedBody(SanitizedHtml Html, IReadOnlyList<TocEntry> Contents, string Text);

public sealed record TocEntry(int Level, string Id, string Text);
