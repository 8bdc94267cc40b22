namespace Jiyul.Knowledge;

/// <summary>
/// Splits a Markdown body at its ATX headings (<c>#</c> to <c>######</c>); a <c>#</c> inside fenced code is not a
/// heading. Each section remembers the headings above it, so that a short heading such as "Deadlines" can still be
/// found by the topic of the section that holds it.
/// </summary>
public static class MarkdownSections
{
    /// <summary>The passages of one document; sections with no text are left out.</summary>
    public static IEnumerable<PackPassage> Split(PackDocument document, string? fallbackAsOf)
    {
        ArgumentNullException.ThrowIfNull(document);
        var front = document.FrontMatter;
        var asOf = NonEmpty(front.Get("as_of")) ?? fallbackAsOf;
        var title = NonEmpty(front.Get("title")) ?? NonEmpty(front.Get("name")) ?? "";

        var trail = new string[7];
        var heading = "";
        var level = 0;
        var lines = new List<string>();
        var inFence = false;
        foreach (var line in front.Body.ReplaceLineEndings("\n").Split('\n'))
        {
            if (IsFence(line))
            {
                inFence = !inFence;
            }

            if (!inFence && TryReadHeading(line, out var nextLevel, out var next))
            {
                if (Passage(document, heading, Context(title, trail, level), lines, asOf) is { } passage)
                {
                    yield return passage;
                }

                trail[nextLevel] = next;
                Array.Clear(trail, nextLevel + 1, trail.Length - nextLevel - 1);
                heading = next;
                level = nextLevel;
                lines.Clear();
                continue;
            }

            lines.Add(line);
        }

        if (Passage(document, heading, Context(title, trail, level), lines, asOf) is { } last)
        {
            yield return last;
        }
    }

    /// <summary>True for the line that opens or closes fenced code.</summary>
    public static bool IsFence(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);
    }

    private static string Context(string title, string[] trail, int level)
    {
        var parts = new List<string>();
        if (title.Length > 0)
        {
            parts.Add(title);
        }

        for (var i = 1; i < level; i++)
        {
            if (!string.IsNullOrEmpty(trail[i]) && trail[i] != title)
            {
                parts.Add(trail[i]);
            }
        }

        return string.Join(" › ", parts);
    }

    private static PackPassage? Passage(PackDocument document, string heading, string context, List<string> lines, string? asOf)
    {
        var text = string.Join('\n', lines).Trim();
        return text.Length == 0 ? null : new PackPassage(document.Skill, document.File, heading, context, text, asOf);
    }

    private static bool TryReadHeading(string line, out int level, out string heading)
    {
        heading = "";
        level = 0;
        while (level < line.Length && line[level] == '#')
        {
            level++;
        }

        if (level is 0 or > 6 || level == line.Length || line[level] != ' ')
        {
            return false;
        }

        heading = line[level..].Trim().TrimEnd('#').Trim();
        return heading.Length > 0;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
