using Microsoft.AspNetCore.OpenApi;

namespace Jiyul.Hub.Hosting;

/// <summary>
/// The OpenAPI document of the whole API at <see cref="DocumentPath"/>. It is public, like the health checks: it
/// describes shapes, holds no data and no secret, and a client needs it before it can sign in. It is made once and
/// kept (<see cref="OpenApiDocumentCache"/>).
/// </summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    public static void AddJiyulOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<HubDocumentTransformer>();
            options.AddOperationTransformer<AccessOperationTransformer>();
        });
        builder.Services.AddSingleton(provider =>
            new OpenApiDocumentCache(provider.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName)));
    }

    public static void MapJiyulOpenApi(this WebApplication app)
    {
        app.MapGet(DocumentPath, async (OpenApiDocumentCache cache, CancellationToken cancellationToken) =>
                TypedResults.Text(await cache.GetAsync(cancellationToken), "application/json; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
