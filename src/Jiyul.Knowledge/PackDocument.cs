namespace Jiyul.Knowledge;

/// <summary>One Markdown file of a skill: SKILL.md or a reference file.</summary>
/// <param name="Skill">The skill's folder under <c>skills/</c>.</param>
/// <param name="File">The path inside the skill's folder, with forward slashes (<c>references/rates.md</c>).</param>
/// <param name="PackPath">The path inside the pack, with forward slashes (<c>skills/tax-law/references/rates.md</c>).</param>
/// <param name="Text">The whole file as read.</param>
/// <param name="FrontMatter">The file's front matter and body.</param>
public sealed record PackDocument(string Skill, string File, string PackPath, string Text, FrontMatter FrontMatter)
{
    /// <summary>True for the skill's own SKILL.md; every other file is a reference file.</summary>
    public bool IsSkillFile => File == SkillCatalog.SkillFileName;
}
