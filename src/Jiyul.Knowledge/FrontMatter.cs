namespace Jiyul.Knowledge;

/// <summary>
/// A Markdown document split into its YAML front matter and body. Only the flat <c>key: value</c> lines the
/// pack uses are read; nested values are kept as the raw text after the colon.
/// </summary>
public sealed class FrontMatter
{
    private readonly Dictionary<string, string> _values;

    private FrontMatter(Dictionary<string, string> values, string body, int bodyLine)
    {
        _values = values;
        Body = body;
        BodyLine = bodyLine;
    }

    /// <summary>The document after the closing <c>---</c>, or all of it when there is no front matter.</summary>
    public string Body { get; }

    /// <summary>The 1-based line where the body starts.</summary>
    public int BodyLine { get; }

    public bool HasFrontMatter => _values.Count > 0;

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    public static FrontMatter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return new FrontMatter(values, text, 1);
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim() == "---")
            {
                return new FrontMatter(values, string.Join('\n', lines[(i + 1)..]), i + 2);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '-')
            {
                values[line[..colon].Trim()] = Unquote(line[(colon + 1)..].Trim());
            }
        }

        // An opening marker with no closing one is not front matter: the whole text is the body.
        return new FrontMatter([], text, 1);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
