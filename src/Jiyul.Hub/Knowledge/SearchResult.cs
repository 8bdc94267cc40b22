namespace Jiyul.Hub.Knowledge;

/// <summary>One passage in a search answer, with where it comes from and the date it is valid for.</summary>
/// <param name="Skill">The skill's folder, as mounted in every cell under <c>/home/jiyul/skills</c>.</param>
/// <param name="File">The file inside the skill's folder.</param>
/// <param name="Heading">The heading of the passage; empty for text before the file's first heading.</param>
/// <param name="AsOf">The <c>as_of</c> date of the file (or of its skill), when given.</param>
/// <param name="Score">Relevance; comparable only within one answer.</param>
/// <param name="Text">The passage as written in the pack.</param>
internal sealed record SearchResult(string Skill, string File, string Heading, string? AsOf, double Score, string Text);
