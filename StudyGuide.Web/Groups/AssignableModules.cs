namespace StudyGuide.Web.Groups;

public sealed record ModuleChoice(string Slug, string Title, int Order);

/// <summary>The modules a facilitator can assign.</summary>
public interface IAssignableModules
{
    IReadOnlyList<ModuleChoice> All { get; }

    ModuleChoice? Find(string? slug);
}

/// <summary>
/// Reads slug, title and order from the front matter of content/en/modules/*.md. A stop-gap until
/// the curriculum library (issue 3) is on main; then this becomes a thin view of that library.
/// </summary>
public sealed class ContentFolderModules : IAssignableModules
{
    readonly Lazy<IReadOnlyList<ModuleChoice>> modules;

    public ContentFolderModules(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var contentDirectory = configuration["StudyGuide:ContentDirectory"] is { Length: > 0 } configured ? configured : "../content";
        var directory = Path.GetFullPath(Path.Combine(environment.ContentRootPath, contentDirectory, "en", "modules"));
        modules = new(() => Load(directory));
    }

    public IReadOnlyList<ModuleChoice> All => modules.Value;

    public ModuleChoice? Find(string? slug) => slug is null ? null : All.FirstOrDefault(m => m.Slug == slug);

    static IReadOnlyList<ModuleChoice> Load(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var found = new List<ModuleChoice>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.md"))
        {
            string? slug = null, title = null;
            var order = int.MaxValue;
            var lines = File.ReadLines(file).GetEnumerator();
            if (!lines.MoveNext() || lines.Current.Trim() != "---") continue;
            while (lines.MoveNext() && lines.Current.Trim() != "---")
            {
                var line = lines.Current;
                if (line.StartsWith("slug:", StringComparison.Ordinal)) slug = Unquote(line[5..]);
                else if (line.StartsWith("title:", StringComparison.Ordinal)) title = Unquote(line[6..]);
                else if (line.StartsWith("order:", StringComparison.Ordinal) && int.TryParse(line[6..].Trim(), out var n)) order = n;
            }
            if (slug is not null && title is not null) found.Add(new ModuleChoice(slug, title, order));
        }
        return found.OrderBy(m => m.Order).ThenBy(m => m.Slug, StringComparer.Ordinal).ToList();
    }

    static string Unquote(string value)
    {
        value = value.Trim();
        return value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
    }
}
