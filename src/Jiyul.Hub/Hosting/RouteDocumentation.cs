using Microsoft.OpenApi;

namespace Jiyul.Hub.Hosting;

/// <summary>Shorthands for describing route handlers in the OpenAPI document.</summary>
internal static class RouteDocumentation
{
    /// <summary>Lists the statuses the endpoint answers with problem details (401 and 429 are added from its metadata).</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>Says in the document what the problem answer of <paramref name="status"/> means for this endpoint.</summary>
    public static RouteHandlerBuilder ProblemMeans(this RouteHandlerBuilder builder, int status, string meaning)
    {
        builder.ProducesProblem(status);
        return builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            OpenApiProblems.Add(operation, context.Document, status, meaning);
            return Task.CompletedTask;
        });
    }

    /// <summary>Replaces the description of the answer of <paramref name="status"/>.</summary>
    public static RouteHandlerBuilder ResponseMeans(this RouteHandlerBuilder builder, int status, string meaning) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var found) == true
                && found is OpenApiResponse response)
            {
                response.Description = meaning;
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// Describes the 200 answer as a stream of server-sent events. The generator would show the JSON of an SSE item,
    /// which is not what goes over the wire; the description says which events come and what their data holds.
    /// </summary>
    public static RouteHandlerBuilder StreamsEvents(this RouteHandlerBuilder builder, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["text/event-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
            return Task.CompletedTask;
        });
}
