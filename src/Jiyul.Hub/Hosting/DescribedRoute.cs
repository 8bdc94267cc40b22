namespace Jiyul.Hub.Hosting;

/// <summary>
/// Describes in the OpenAPI document an endpoint that is not a route handler, and so is invisible to the generator:
/// the health checks, the proxy and the metrics. <see cref="HubDocumentTransformer"/> finds endpoints that carry it and
/// writes one operation per method, so an endpoint that is no longer mapped drops out of the document with it.
/// </summary>
internal sealed record DescribedRoute(string Tag, string Summary, string Description, IReadOnlyList<string> Methods)
{
    /// <summary>The answers to list besides problem details: status, what it means, and its content type if it has a body.</summary>
    public IReadOnlyList<DescribedResponse> Responses { get; init; } = [];

    /// <summary>Statuses that answer with problem details, and what each means.</summary>
    public IReadOnlyDictionary<int, string> Problems { get; init; } = new Dictionary<int, string>();

    /// <summary>What each route parameter holds, by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Content types the request body may have; none when the request has no body of note.</summary>
    public IReadOnlyList<string> RequestContentTypes { get; init; } = [];
}
