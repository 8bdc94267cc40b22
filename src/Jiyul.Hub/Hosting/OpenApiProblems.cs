using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Jiyul.Hub.Hosting;

/// <summary>Pieces of the OpenAPI document shared by the transformers: problem answers and the bearer requirement.</summary>
internal static class OpenApiProblems
{
    public const string ProblemSchema = "ProblemDetails";
    public const string BearerScheme = "Bearer";
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Adds a problem-details answer for <paramref name="status"/> unless the operation lists one already.</summary>
    public static void Add(OpenApiOperation operation, OpenApiDocument? document, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var existing))
        {
            // The generator names a status it was told of by its reason phrase only; say what it means here.
            if (existing is OpenApiResponse listed && listed.Description == ReasonPhrases.GetReasonPhrase(status))
            {
                listed.Description = description;
            }

            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }

    /// <summary>Marks the operation as needing a bearer token, and lists the 401 it answers without one.</summary>
    public static void RequireBearer(OpenApiOperation operation, OpenApiDocument? document)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
        Add(operation, document, StatusCodes.Status401Unauthorized, "No valid bearer token; the answer has WWW-Authenticate: Bearer.");
    }
}
