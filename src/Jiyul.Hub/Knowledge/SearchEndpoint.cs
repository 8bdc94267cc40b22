using Jiyul.Knowledge.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Knowledge;

/// <summary>
/// <c>GET /api/knowledge/search?q=&amp;k=</c>: the passages of the pack that best answer <c>q</c>, best first.
/// <c>k</c> defaults to <see cref="KnowledgeOptions.DefaultResults"/> and is cut to
/// <see cref="KnowledgeOptions.MaxResults"/>; a missing or blank <c>q</c>, or a <c>k</c> below 1, is the client's
/// mistake and answers 400 with the reason.
/// </summary>
internal static class SearchEndpoint
{
    public static Results<Ok<SearchAnswer>, ProblemHttpResult> Handle(
        string? q,
        int? k,
        LiveKnowledgeIndex index,
        IOptions<KnowledgeOptions> options)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Invalid("The query 'q' is missing or blank; it must say what to search for.");
        }

        var settings = options.Value;
        var count = k ?? settings.DefaultResults;
        if (count < 1)
        {
            return Invalid($"'k' is {count}; it must be at least 1 (at most {settings.MaxResults} are answered).");
        }

        var hits = index.Search(q, Math.Min(count, settings.MaxResults));
        var results = hits.Select(h =>
            new SearchResult(h.Skill, h.File, h.Heading, h.AsOf, Math.Round(h.Score, 4), h.Text));
        return TypedResults.Ok(new SearchAnswer([.. results]));
    }

    private static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(
        title: "The search request is invalid",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest);
}
