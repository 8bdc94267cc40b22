using Jiyul.Agent.OpenAi;
using Microsoft.AspNetCore.Mvc;

namespace Jiyul.Agent.Gateway;

/// <summary>The gateway's HTTP surface, as the cell contract names it.</summary>
internal static class GatewayEndpoints
{
    public const string ReadinessPath = "/readyz";

    /// <summary>The id of the assistant a cell offers; the hub and clients name it as the model.</summary>
    public const string AssistantId = "jiyul";

    private static readonly ModelList Models = new(
        "list",
        [new ModelCard(AssistantId, "model", 0, AssistantId)]);

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Kestrel answers only once it is listening, so answering at all means the gateway can take traffic.
        endpoints.MapGet(ReadinessPath, () => TypedResults.Text("ok"));

        endpoints.MapGet("/v1/models", () => TypedResults.Json(Models, AgentJsonContext.Default.ModelList));

        endpoints.MapPost(
            "/v1/chat/completions",
            (HttpContext context, [FromServices] ChatCompletionsHandler handler) => handler.HandleAsync(context));
        return endpoints;
    }
}
