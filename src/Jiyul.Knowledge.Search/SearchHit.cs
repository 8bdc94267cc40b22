namespace Jiyul.Knowledge.Search;

/// <summary>One passage that matched a query.</summary>
/// <param name="Skill">The skill's folder (<c>tax-law</c>).</param>
/// <param name="File">The file inside the skill's folder (<c>references/deadlines.md</c>).</param>
/// <param name="Heading">The heading of the passage; empty for text before the file's first heading.</param>
/// <param name="AsOf">The date the passage is valid for, when its file or skill gives one.</param>
/// <param name="Score">The relevance score: comparable only between hits of the same query.</param>
/// <param name="Text">The passage as written in the pack.</param>
public sealed record SearchHit(string Skill, string File, string Heading, string? AsOf, float Score, string Text);
