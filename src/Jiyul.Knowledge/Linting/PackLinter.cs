using System.Globalization;
using System.Text.RegularExpressions;

namespace Jiyul.Knowledge.Linting;

/// <summary>
/// Checks a knowledge pack before it reaches users: the persona files are there, every skill says what it is,
/// every reference file says what it covers, the date it is valid for and the statutes or cases it rests on
/// (with a public URL), and no relative link points at a missing file. A pack's value is that it can be trusted;
/// a reference file with no date or no source cannot be.
/// </summary>
public static partial class PackLinter
{
    /// <summary>The files a persona must have.</summary>
    public static IReadOnlyList<string> PersonaFiles { get; } = ["SOUL.md", "IDENTITY.md", "AGENTS.md"];

    /// <summary>Every finding in the pack at <paramref name="packDirectory"/>, ordered by file and line.</summary>
    public static IReadOnlyList<LintFinding> Lint(string packDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(packDirectory);
        var root = Path.GetFullPath(packDirectory);
        var findings = new List<LintFinding>();
        if (!Directory.Exists(root))
        {
            findings.Add(Error(".", 1, $"the pack directory '{root}' does not exist"));
            return findings;
        }

        CheckPersona(root, findings);
        var pack = KnowledgePack.Load(root);
        CheckSkills(pack, findings);
        CheckLinks(root, findings);

        return [.. findings
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Message, StringComparer.Ordinal)];
    }

    private static void CheckPersona(string root, List<LintFinding> findings)
    {
        var persona = Path.Combine(root, KnowledgePack.PersonaFolder);
        if (!Directory.Exists(persona))
        {
            findings.Add(Error($"{KnowledgePack.PersonaFolder}/", 1,
                $"the pack has no {KnowledgePack.PersonaFolder}/ folder; it must hold {string.Join(", ", PersonaFiles)}"));
            return;
        }

        foreach (var file in PersonaFiles)
        {
            var path = Path.Combine(persona, file);
            if (!File.Exists(path))
            {
                findings.Add(Error($"{KnowledgePack.PersonaFolder}/{file}", 1, $"the persona file {file} is missing"));
            }
            else if (string.IsNullOrWhiteSpace(File.ReadAllText(path)))
            {
                findings.Add(Error($"{KnowledgePack.PersonaFolder}/{file}", 1, $"the persona file {file} is empty"));
            }
        }
    }

    private static void CheckSkills(KnowledgePack pack, List<LintFinding> findings)
    {
        if (!Directory.Exists(pack.SkillsDirectory))
        {
            findings.Add(Error($"{KnowledgePack.SkillsFolder}/", 1, $"the pack has no {KnowledgePack.SkillsFolder}/ folder"));
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(pack.SkillsDirectory))
        {
            if (!File.Exists(Path.Combine(folder, SkillCatalog.SkillFileName)))
            {
                var name = Path.GetFileName(folder);
                findings.Add(Error($"{KnowledgePack.SkillsFolder}/{name}/{SkillCatalog.SkillFileName}", 1,
                    $"the skill folder '{name}' has no {SkillCatalog.SkillFileName}"));
            }
        }

        if (pack.Skills.Count == 0)
        {
            findings.Add(new LintFinding($"{KnowledgePack.SkillsFolder}/", 1, LintSeverity.Warning, "the pack has no skills"));
        }

        foreach (var document in pack.Documents)
        {
            if (document.FrontMatter.IsUnterminated)
            {
                findings.Add(Error(document.PackPath, 1, "the front matter opened with '---' is never closed with '---'"));
            }
            else if (document.IsSkillFile)
            {
                CheckSkillFile(document, findings);
            }
            else
            {
                CheckReferenceFile(document, findings);
            }
        }
    }

    private static void CheckSkillFile(PackDocument document, List<LintFinding> findings)
    {
        var front = document.FrontMatter;
        if (!front.HasFrontMatter)
        {
            findings.Add(Error(document.PackPath, 1, "SKILL.md has no front matter; it must give 'name' and 'description'"));
            return;
        }

        foreach (var key in new[] { "name", "description" })
        {
            if (string.IsNullOrWhiteSpace(front.Get(key)))
            {
                findings.Add(Error(document.PackPath, front.LineOf(key) ?? 1, $"SKILL.md front matter has no '{key}'"));
            }
        }

        var name = front.Get("name");
        if (!string.IsNullOrWhiteSpace(name) && name != document.Skill)
        {
            findings.Add(new LintFinding(document.PackPath, front.LineOf("name") ?? 1, LintSeverity.Warning,
                $"the skill's name '{name}' differs from its folder '{document.Skill}'"));
        }
    }

    private static void CheckReferenceFile(PackDocument document, List<LintFinding> findings)
    {
        var front = document.FrontMatter;
        if (!front.HasFrontMatter)
        {
            findings.Add(Error(document.PackPath, 1,
                "the reference file has no front matter; it must give 'title', 'as_of' and 'sources'"));
            return;
        }

        if (string.IsNullOrWhiteSpace(front.Get("title")))
        {
            findings.Add(Error(document.PackPath, front.LineOf("title") ?? 1, "front matter has no 'title'"));
        }

        var asOf = front.Get("as_of");
        if (string.IsNullOrWhiteSpace(asOf))
        {
            findings.Add(Error(document.PackPath, front.LineOf("as_of") ?? 1,
                "front matter has no 'as_of'; it must give the date the file is valid for, as yyyy-MM-dd"));
        }
        else if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            findings.Add(Error(document.PackPath, front.LineOf("as_of") ?? 1,
                $"'as_of' is '{asOf}', which is not a date written as yyyy-MM-dd"));
        }

        CheckSources(document, findings);
    }

    private static void CheckSources(PackDocument document, List<LintFinding> findings)
    {
        var front = document.FrontMatter;
        var line = front.LineOf("sources") ?? 1;
        var sources = front.GetList("sources");
        if (sources.Count == 0)
        {
            findings.Add(Error(document.PackPath, line, front.LineOf("sources") is null
                ? "front matter has no 'sources'; list the statute and article, or court and case number, with a URL"
                : "'sources' is empty; list the statute and article, or court and case number, with a URL"));
            return;
        }

        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var url = Url().Match(source);
            if (!url.Success || !Uri.TryCreate(url.Value, UriKind.Absolute, out _))
            {
                findings.Add(Error(document.PackPath, line + i + 1,
                    $"source {i + 1} ('{source}') has no http(s) URL; every source must link to a public text"));
            }
            else if (!Letters().IsMatch(source.Remove(url.Index, url.Length)))
            {
                findings.Add(Error(document.PackPath, line + i + 1,
                    $"source {i + 1} is only a URL; it must also name the statute and article, or the court and case"));
            }
        }
    }

    private static void CheckLinks(string root, List<LintFinding> findings)
    {
        foreach (var path in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories))
        {
            var relative = KnowledgePack.RelativePath(root, path);
            var directory = Path.GetDirectoryName(path)!;
            foreach (var (line, target) in MarkdownLinks.Of(File.ReadAllText(path)))
            {
                if (MarkdownLinks.IsExternal(target))
                {
                    continue;
                }

                var file = Uri.UnescapeDataString(target.Split('#', '?')[0]);
                var resolved = Path.GetFullPath(file.StartsWith('/') ? Path.Join(root, file) : Path.Combine(directory, file));
                if (!resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    findings.Add(Error(relative, line, $"the link '{target}' points outside the pack"));
                }
                else if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    findings.Add(Error(relative, line,
                        $"the link '{target}' is broken: {KnowledgePack.RelativePath(root, resolved)} does not exist"));
                }
            }
        }
    }

    private static LintFinding Error(string file, int line, string message) => new(file, line, LintSeverity.Error, message);

    [GeneratedRegex(@"https?://[^\s<>()]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Letters();
}
