namespace Jiyul.Knowledge;

/// <summary>
/// A knowledge pack as read from disk: <c>persona/</c> and <c>skills/&lt;name&gt;/</c> with SKILL.md and its
/// reference files. A snapshot: reading the pack again is how an edit becomes visible.
/// </summary>
public sealed class KnowledgePack
{
    public const string PersonaFolder = "persona";
    public const string SkillsFolder = "skills";

    private KnowledgePack(string directory, IReadOnlyList<Skill> skills, IReadOnlyList<PackDocument> documents)
    {
        Directory = directory;
        Skills = skills;
        Documents = documents;
    }

    /// <summary>The pack's root, as an absolute path.</summary>
    public string Directory { get; }

    public string SkillsDirectory => Path.Combine(Directory, SkillsFolder);

    public string PersonaDirectory => Path.Combine(Directory, PersonaFolder);

    /// <summary>The skills that have a SKILL.md, ordered by name.</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>Every Markdown file under every skill folder, ordered by skill, then SKILL.md first, then by path.</summary>
    public IReadOnlyList<PackDocument> Documents { get; }

    /// <summary>Reads the pack; a missing pack or skills folder reads as a pack with no skills.</summary>
    public static KnowledgePack Load(string packDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(packDirectory);
        var root = Path.GetFullPath(packDirectory);
        var skillsDirectory = Path.Combine(root, SkillsFolder);
        var documents = new List<PackDocument>();
        if (System.IO.Directory.Exists(skillsDirectory))
        {
            foreach (var folder in System.IO.Directory.EnumerateDirectories(skillsDirectory).Order(StringComparer.Ordinal))
            {
                documents.AddRange(ReadSkill(root, folder));
            }
        }

        return new KnowledgePack(root, SkillCatalog.Load(skillsDirectory), documents);
    }

    /// <summary>Every document split at its headings; a reference file without <c>as_of</c> takes its SKILL.md's.</summary>
    public IEnumerable<PackPassage> Passages()
    {
        foreach (var skill in Documents.GroupBy(d => d.Skill, StringComparer.Ordinal))
        {
            var skillAsOf = skill.FirstOrDefault(d => d.IsSkillFile)?.FrontMatter.Get("as_of");
            foreach (var document in skill)
            {
                foreach (var passage in MarkdownSections.Split(document, skillAsOf))
                {
                    yield return passage;
                }
            }
        }
    }

    /// <summary>The path of a file inside the pack, with forward slashes.</summary>
    public static string RelativePath(string packDirectory, string path) =>
        Path.GetRelativePath(packDirectory, path).Replace(Path.DirectorySeparatorChar, '/');

    private static IEnumerable<PackDocument> ReadSkill(string root, string folder)
    {
        var skill = Path.GetFileName(folder);
        var files = System.IO.Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Select(path => (Path: path, File: RelativePath(folder, path)))
            .OrderBy(f => f.File == SkillCatalog.SkillFileName ? 0 : 1)
            .ThenBy(f => f.File, StringComparer.Ordinal);

        foreach (var (path, file) in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                // Removed between listing and reading, as happens while an operator edits the pack: it is simply gone.
                continue;
            }

            yield return new PackDocument(skill, file, RelativePath(root, path), text, FrontMatter.Parse(text));
        }
    }
}
