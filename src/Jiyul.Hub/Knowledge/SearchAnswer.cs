namespace Jiyul.Hub.Knowledge;

/// <summary>The answer of <c>GET /api/knowledge/search</c>: the passages found, best first.</summary>
internal sealed record SearchAnswer(IReadOnlyList<SearchResult> Results);
