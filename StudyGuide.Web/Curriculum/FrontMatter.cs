using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace StudyGuide.Web.Curriculum;

/// <summary>
/// Reads the YAML front matter of one file through YamlDotNet's node model rather than a deserializer,
/// so every problem can name the line it is on. Each getter reports its own problem and returns null.
/// </summary>
sealed class FrontMatter
{
    readonly YamlMappingNode fields;
    readonly string path;
    readonly int firstYamlLine;
    readonly List<ContentProblem> problems;
    readonly HashSet<string> read = new(StringComparer.Ordinal);

    FrontMatter(YamlMappingNode fields, string path, int firstYamlLine, List<ContentProblem> problems)
    {
        this.fields = fields;
        this.path = path;
        this.firstYamlLine = firstYamlLine;
        this.problems = problems;
    }

    /// <summary>The line of the opening `---`, where a missing field is reported.</summary>
    public int StartLine => firstYamlLine - 1;

    /// <summary>Parses <paramref name="yaml"/>, which starts on file line <paramref name="firstYamlLine"/>; null after reporting why not.</summary>
    public static FrontMatter? Parse(string yaml, string path, int firstYamlLine, List<ContentProblem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            var hint = e.Message.Contains("mapping", StringComparison.OrdinalIgnoreCase)
                ? " (a value that contains ': ' must be written in double quotes)"
                : "";
            problems.Add(new ContentProblem(path, firstYamlLine - 1 + (int)Math.Max(1, e.Start.Line), $"front matter is not valid YAML: {e.Message}{hint}"));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            problems.Add(new ContentProblem(path, firstYamlLine - 1, "the front matter is empty"));
            return null;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            problems.Add(new ContentProblem(path, firstYamlLine - 1, "the front matter must be a list of 'name: value' fields"));
            return null;
        }
        return new FrontMatter(mapping, path, firstYamlLine, problems);
    }

    public int LineOf(YamlNode node) => firstYamlLine - 1 + (int)node.Start.Line;

    /// <summary>The line of a field's name, or of the front matter when it is absent.</summary>
    public int LineOf(string field) => Find(field) is var (key, _) ? LineOf(key) : StartLine;

    public void Report(int line, string message) => problems.Add(new ContentProblem(path, line, message));

    public string? Text(string field, bool required = true)
    {
        if (Value(field, required) is not { } node) return null;
        return ScalarText(node, field);
    }

    public int? Number(string field, int min, int max, bool required = true)
    {
        if (Text(field, required) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return number;
        Report(LineOf(field), $"'{field}' must be a whole number from {min} to {max}");
        return null;
    }

    /// <returns>Null after reporting a problem; an empty list when an optional field is absent.</returns>
    public IReadOnlyList<string>? TextList(string field, int min, int max, bool required = true)
    {
        if (Value(field, required) is not { } node) return required ? null : [];
        if (node is not YamlSequenceNode list)
        {
            Report(LineOf(node), $"'{field}' must be a list: one '  - item' per line, or [first, second]");
            return null;
        }
        var items = new List<string>();
        foreach (var item in list)
        {
            if (ScalarText(item, field) is { } text) items.Add(text);
            else return null;
        }
        if (items.Count < min || items.Count > max)
        {
            Report(LineOf(node), min == max
                ? $"'{field}' must have exactly {min} items (it has {items.Count})"
                : max == int.MaxValue
                    ? $"'{field}' must have at least {min} items (it has {items.Count})"
                    : $"'{field}' must have from {min} to {max} items (it has {items.Count})");
            return null;
        }
        return items;
    }

    /// <summary>A list of `key: value` entries (claims, sources); each entry is read by <paramref name="readEntry"/>.</summary>
    public IReadOnlyList<T>? EntryList<T>(string field, int min, bool required, Func<FrontMatter, T?> readEntry)
        where T : class
    {
        if (Value(field, required) is not { } node) return required ? null : [];
        if (node is not YamlSequenceNode list)
        {
            Report(LineOf(node), $"'{field}' must be a list of entries, each starting with '  - '");
            return null;
        }
        if (list.Children.Count < min)
        {
            Report(LineOf(node), $"'{field}' must have at least {min} entries (it has {list.Children.Count})");
            return null;
        }
        var entries = new List<T>();
        var allRead = true;
        foreach (var item in list)
        {
            if (item is not YamlMappingNode mapping)
            {
                Report(LineOf(item), $"each entry of '{field}' must be a set of 'name: value' lines");
                allRead = false;
                continue;
            }
            var entry = new FrontMatter(mapping, path, firstYamlLine, problems) { EntryName = field, Parent = LineOf(mapping) };
            if (readEntry(entry) is { } value) entries.Add(value);
            else allRead = false;
        }
        return allRead ? entries : null;
    }

    public FrontMatter? Mapping(string field)
    {
        if (Value(field, required: true) is not { } node) return null;
        if (node is YamlMappingNode mapping) return new FrontMatter(mapping, path, firstYamlLine, problems) { EntryName = field, Parent = LineOf(node) };
        Report(LineOf(node), $"'{field}' must be a set of 'name: value' lines");
        return null;
    }

    /// <summary>The line an entry of a list starts on (its '- '), or the front matter's for the file itself.</summary>
    public int EntryLine => Parent ?? StartLine;

    /// <summary>For a nested entry: the field it belongs to, so messages say "'note' in 'claims'".</summary>
    string? EntryName { get; init; }

    int? Parent { get; init; }

    /// <summary>Reports every field that no getter asked for: usually a typo that would otherwise be silently ignored.</summary>
    public void ReportUnknownFields(string readmeSection)
    {
        foreach (var (key, _) in fields.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
            if (!read.Contains(name))
                Report(LineOf(key), $"unknown field '{name}'{In()}; see '{readmeSection}' in content/README.md");
        }
    }

    /// <summary>A URL shown as a link on the page: only http and https, since it is not sanitised like the body.</summary>
    public string? Url(string field)
    {
        if (Text(field, required: false) is not { } text) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            return text;
        Report(LineOf(field), $"'{field}'{In()} must be a full web address starting with https:// or http://");
        return null;
    }

    (YamlNode Key, YamlNode Value)? Find(string field)
    {
        foreach (var (key, value) in fields.Children)
        {
            if (key is YamlScalarNode { Value: var name } && name == field) return (key, value);
        }
        return null;
    }

    YamlNode? Value(string field, bool required)
    {
        read.Add(field);
        if (Find(field) is var (_, value)) return value;
        if (required) Report(Parent ?? StartLine, $"missing required field '{field}'{In()}");
        return null;
    }

    string? ScalarText(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar)
        {
            Report(LineOf(node), $"'{field}'{In()} must be a single value, not a list or a set of fields");
            return null;
        }
        var text = scalar.Value?.Trim() ?? "";
        if (text.Length > 0) return text;
        Report(LineOf(node), $"'{field}'{In()} is empty");
        return null;
    }

    string In() => EntryName is null ? "" : $" in '{EntryName}'";
}
