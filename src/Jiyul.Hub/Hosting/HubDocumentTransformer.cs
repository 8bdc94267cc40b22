using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace Jiyul.Hub.Hosting;

/// <summary>
/// Completes the generated document: what the API is, how to sign in, the tags, the <c>reason</c> every problem carries,
/// and the endpoints that are not route handlers (<see cref="DescribedRoute"/>).
/// </summary>
internal sealed class HubDocumentTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Info = new OpenApiInfo
        {
            Title = "Jiyul hub",
            Version = "v1",
            Description = "Each signed-in person's own assistant, running in a container of its own (a cell). Sign in with "
                + "POST /api/auth/login (or a Firebase or OIDC token, where the hub accepts them) and send the token as "
                + "'Authorization: Bearer'. Bodies are JSON in camelCase; errors are RFC 9457 problem details whose 'reason' "
                + "is a short code a client can act on. Another user's ids answer 404, exactly as ids that do not exist.",
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[OpenApiProblems.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A local access token from /api/auth/login, or a Firebase or OIDC ID token the hub is set to accept.",
        };

        await DescribeProblemAsync(document, context, cancellationToken);

        // What the generator made of a server-sent events answer (the JSON of an SSE item) is not what goes over the wire;
        // the operations that stream describe their events themselves (RouteDocumentation.StreamsEvents).
        var schemas = document.Components.Schemas!;
        foreach (var name in schemas.Keys.Where(k => k.StartsWith("SseItemOf", StringComparison.Ordinal)).ToList())
        {
            schemas.Remove(name);
        }
        AddDescribedRoutes(document, context.ApplicationServices.GetRequiredService<EndpointDataSource>());

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in ApiTags.Descriptions)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }
    }

    // Every problem the hub writes carries a reason; a client author should see it in the schema, not only in examples.
    private static async Task DescribeProblemAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        var schemas = document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!schemas.TryGetValue(OpenApiProblems.ProblemSchema, out var schema))
        {
            schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
            schemas[OpenApiProblems.ProblemSchema] = schema;
        }

        if (schema is OpenApiSchema problem)
        {
            problem.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            problem.Properties["reason"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "What went wrong, as a short stable code (for example not-owner, conversation-not-found, "
                    + "start-timeout); absent only from problems the framework writes itself.",
            };
        }
    }

    private static void AddDescribedRoutes(OpenApiDocument document, EndpointDataSource endpoints)
    {
        document.Paths ??= [];
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<DescribedRoute>() is not { } route)
            {
                continue;
            }

            var path = PathOf(endpoint.RoutePattern);
            if (!document.Paths.TryGetValue(path, out var item) || item is not OpenApiPathItem pathItem)
            {
                pathItem = new OpenApiPathItem();
                document.Paths[path] = pathItem;
            }

            pathItem.Operations ??= [];
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            var signIn = endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null;
            foreach (var method in route.Methods)
            {
                var id = name is null ? null : route.Methods.Count == 1 ? name : name + Capitalized(method);
                pathItem.Operations[HttpMethod.Parse(method)] = Operation(document, endpoint.RoutePattern, route, id, signIn);
            }
        }
    }

    private static OpenApiOperation Operation(OpenApiDocument document, RoutePattern pattern, DescribedRoute route, string? id, bool signIn)
    {
        var operation = new OpenApiOperation
        {
            OperationId = id,
            Summary = route.Summary,
            Description = route.Description,
            Tags = new HashSet<OpenApiTagReference> { new(route.Tag, document) },
            Parameters = [.. pattern.Parameters.Select(p => (IOpenApiParameter)new OpenApiParameter
            {
                Name = p.Name,
                In = ParameterLocation.Path,
                Required = true,
                Description = route.Parameters.GetValueOrDefault(p.Name),
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            })],
            Responses = [],
        };

        if (route.RequestContentTypes.Count > 0)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Description = "Passed through as it is.",
                Content = route.RequestContentTypes.ToDictionary(t => t, _ => new OpenApiMediaType(), StringComparer.Ordinal),
            };
        }

        foreach (var response in route.Responses)
        {
            operation.Responses[response.Status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = response.Description,
                Content = response.ContentType is null
                    ? null
                    : new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [response.ContentType] = new() },
            };
        }

        foreach (var (status, description) in route.Problems)
        {
            OpenApiProblems.Add(operation, document, status, description);
        }

        if (signIn)
        {
            OpenApiProblems.RequireBearer(operation, document);
        }

        return operation;
    }

    // "/proxy/{uid}/v1/{**rest}" is written "/proxy/{uid}/v1/{rest}": OpenAPI has no catch-all, the description says so.
    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static string Capitalized(string method) => method[..1].ToUpperInvariant() + method[1..].ToLowerInvariant();
}
