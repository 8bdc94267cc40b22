namespace Jiyul.Knowledge;

/// <summary>One section of a pack file: the text under one Markdown heading, the unit that search returns.</summary>
/// <param name="Skill">The skill's folder.</param>
/// <param name="File">The file's path inside the skill's folder, with forward slashes.</param>
/// <param name="Heading">The heading above the text; empty for text before the first heading.</param>
/// <param name="Context">The file's title and the headings above <paramref name="Heading"/>, outermost first.</param>
/// <param name="Text">The text under the heading, trimmed.</param>
/// <param name="AsOf">The <c>as_of</c> date of the file's front matter, or of its skill's SKILL.md.</param>
public sealed record PackPassage(string Skill, string File, string Heading, string Context, string Text, string? AsOf);
