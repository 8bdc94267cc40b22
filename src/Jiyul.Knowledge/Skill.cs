namespace Jiyul.Knowledge;

/// <summary>One skill of a pack.</summary>
/// <param name="Name">The <c>name</c> in the front matter (the folder's name when it has none).</param>
/// <param name="Description">The <c>description</c> in the front matter: when the skill applies.</param>
/// <param name="Folder">The folder under the skills directory.</param>
/// <param name="Body">SKILL.md without its front matter.</param>
public sealed record Skill(string Name, string Description, string Folder, string Body);
