using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Jiyul.Hub.Hosting;

/// <summary>
/// Reads who may call an operation from its endpoint's metadata, so that no endpoint has to repeat it: one that needs
/// sign-in gets the bearer requirement and its 401, one behind a rate limit its 429.
/// </summary>
internal sealed class AccessOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            OpenApiProblems.RequireBearer(operation, context.Document);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            OpenApiProblems.Add(operation, context.Document, StatusCodes.Status429TooManyRequests,
                "Too many requests of this kind; the Retry-After header says how many seconds to wait.");
        }

        return Task.CompletedTask;
    }
}
