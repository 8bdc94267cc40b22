namespace Jiyul.Knowledge;

/// <summary>
/// The skills of a knowledge pack: every <c>&lt;name&gt;/SKILL.md</c> under a skills directory, with the
/// <c>name</c> and <c>description</c> from its front matter. Read fresh on each call: the pack is small,
/// and reading it again is what makes an operator's edit visible at once without a file watcher.
/// </summary>
public static class SkillCatalog
{
    public const string SkillFileName = "SKILL.md";

    /// <summary>Lists the skills under <paramref name="skillsDirectory"/>, ordered by name; none when it is missing.</summary>
    public static IReadOnlyList<Skill> Load(string skillsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(skillsDirectory);
        if (!Directory.Exists(skillsDirectory))
        {
            return [];
        }

        var skills = new List<Skill>();
        foreach (var directory in Directory.EnumerateDirectories(skillsDirectory))
        {
            var file = Path.Combine(directory, SkillFileName);
            if (!File.Exists(file))
            {
                continue;
            }

            var document = FrontMatter.Parse(File.ReadAllText(file));
            var folder = Path.GetFileName(directory);
            skills.Add(new Skill(
                document.Get("name") ?? folder,
                document.Get("description") ?? "",
                folder,
                document.Body));
        }

        skills.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return skills;
    }
}
