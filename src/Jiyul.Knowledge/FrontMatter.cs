namespace Jiyul.Knowledge;

/// <summary>
/// A Markdown document split into its YAML front matter and body. Only the two shapes the pack uses are read: flat
/// <c>key: value</c> lines, and a key with an empty value followed by <c>- item</c> lines (a block list). Anything
/// else nested under a key is kept as the raw text after the colon; no YAML library is needed, which keeps the
/// library safe for ahead-of-time compilation.
/// </summary>
public sealed class FrontMatter
{
    private static readonly IReadOnlyList<string> NoItems = [];

    private readonly Dictionary<string, string> _values;
    private readonly Dictionary<string, List<string>> _lists;
    private readonly Dictionary<string, int> _lines;

    private FrontMatter(
        Dictionary<string, string> values,
        Dictionary<string, List<string>> lists,
        Dictionary<string, int> lines,
        string body,
        int bodyLine,
        bool isUnterminated)
    {
        _values = values;
        _lists = lists;
        _lines = lines;
        Body = body;
        BodyLine = bodyLine;
        IsUnterminated = isUnterminated;
    }

    /// <summary>The document after the closing <c>---</c>, or all of it when there is no front matter.</summary>
    public string Body { get; }

    /// <summary>The 1-based line where the body starts.</summary>
    public int BodyLine { get; }

    public bool HasFrontMatter => _values.Count > 0;

    /// <summary>True when the document opens with <c>---</c> but never closes it; it then has no front matter.</summary>
    public bool IsUnterminated { get; }

    /// <summary>Every key with its value; a key holding a list has the empty string here.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    public string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// The items of a block list (<c>key:</c> then <c>  - item</c> lines), unquoted; an inline value that is not
    /// empty counts as a list of that one item. None when the key is missing.
    /// </summary>
    public IReadOnlyList<string> GetList(string key)
    {
        if (_lists.TryGetValue(key, out var items) && items.Count > 0)
        {
            return items;
        }

        return _values.TryGetValue(key, out var value) && value.Length > 0 ? [value] : NoItems;
    }

    /// <summary>The 1-based line of the file where <paramref name="key"/> is written, if it is.</summary>
    public int? LineOf(string key) => _lines.TryGetValue(key, out var line) ? line : null;

    public static FrontMatter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var all = text.ReplaceLineEndings("\n").Split('\n');
        if (all.Length == 0 || all[0].Trim() != "---")
        {
            return new FrontMatter(values, lists, lines, text, 1, isUnterminated: false);
        }

        string? openList = null;
        for (var i = 1; i < all.Length; i++)
        {
            var line = all[i];
            if (line.Trim() == "---")
            {
                return new FrontMatter(values, lists, lines, string.Join('\n', all[(i + 1)..]), i + 2, isUnterminated: false);
            }

            var trimmed = line.Trim();
            if (openList is not null && trimmed.StartsWith('-') && (trimmed.Length == 1 || trimmed[1] == ' '))
            {
                lists[openList].Add(Unquote(trimmed[1..].Trim()));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '-' && line[0] != '#')
            {
                var key = line[..colon].Trim();
                var value = Unquote(line[(colon + 1)..].Trim());
                values[key] = value;
                lines[key] = i + 1;
                openList = value.Length == 0 ? key : null;
                if (openList is not null)
                {
                    lists[key] = [];
                }
            }
        }

        // An opening marker with no closing one is not front matter: the whole text is the body.
        return new FrontMatter([], [], [], text, 1, isUnterminated: true);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
