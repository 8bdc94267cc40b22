using Jiyul.Knowledge;

namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// Reads every Markdown file of every skill (SKILL.md and its reference files) and splits it at its headings.
/// Read afresh for each question: the pack is small, and an operator's edit then shows in the next answer.
/// </summary>
internal static class PackPassages
{
    public static async Task<IReadOnlyList<PackPassage>> LoadAsync(
        string skillsDirectory,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var passages = new List<PackPassage>();
        foreach (var skill in SkillCatalog.Load(skillsDirectory))
        {
            var folder = Path.Combine(skillsDirectory, skill.Folder);
            string? skillAsOf = null;
            foreach (var file in FilesOf(folder))
            {
                var path = Path.Combine(folder, file);
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(path, cancellationToken);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // One unreadable file should not silence the rest of the pack.
                    Log.PackFileUnreadable(logger, path, exception);
                    continue;
                }

                var document = FrontMatter.Parse(text);
                if (file == SkillCatalog.SkillFileName)
                {
                    skillAsOf = document.Get("as_of");
                }

                passages.AddRange(Split(skill.Folder, file, document.Body, document.Get("as_of") ?? skillAsOf));
            }
        }

        return passages;
    }

    /// <summary>Splits a Markdown body at its ATX headings (<c>#</c> to <c>######</c>), ignoring fenced code.</summary>
    public static IEnumerable<PackPassage> Split(string skill, string file, string body, string? asOf)
    {
        var heading = "";
        var lines = new List<string>();
        var inFence = false;
        foreach (var line in body.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) ||
                trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && TryReadHeading(line, out var next))
            {
                if (Passage(skill, file, heading, lines, asOf) is { } passage)
                {
                    yield return passage;
                }

                heading = next;
                lines.Clear();
                continue;
            }

            lines.Add(line);
        }

        if (Passage(skill, file, heading, lines, asOf) is { } last)
        {
            yield return last;
        }
    }

    // SKILL.md comes first, as the skill's own summary; the reference files follow in a fixed order.
    private static IEnumerable<string> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(file => file == SkillCatalog.SkillFileName ? 0 : 1)
            .ThenBy(file => file, StringComparer.Ordinal);

    private static PackPassage? Passage(string skill, string file, string heading, List<string> lines, string? asOf)
    {
        var text = string.Join('\n', lines).Trim();
        return text.Length == 0 ? null : new PackPassage(skill, file, heading, text, asOf);
    }

    private static bool TryReadHeading(string line, out string heading)
    {
        heading = "";
        var level = 0;
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
}
