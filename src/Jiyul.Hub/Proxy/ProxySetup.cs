using Jiyul.Hub.Hosting;
using Jiyul.Hub.Telemetry;

namespace Jiyul.Hub.Proxy;

/// <summary>Ingress: <c>/proxy/{uid}/v1/*</c> forwarded into the owner's cell.</summary>
internal static class ProxySetup
{
    public static void AddJiyulProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName)
            .Validate(o => o.MaxRequestBodyBytes > 0, "Proxy:MaxRequestBodyBytes must be greater than 0.")
            .Validate(o => o.ResponseIdleTimeout > TimeSpan.Zero, "Proxy:ResponseIdleTimeout must be greater than zero.")
            .ValidateOnStart();
        builder.Services.AddHttpForwarder();
    }

    public static void MapJiyulProxy(this WebApplication app)
    {
        app.Map("/proxy/{uid}/v1/{**rest}", ProxyEndpoint.HandleAsync)
            .RequireAuthorization()
            .AddEndpointFilter<ProxyRequestCounter>()
            .WithName("Proxy")
            .WithSummary("Forwards an OpenAI-compatible request into the caller's own cell.")
            .WithMetadata(Description);
    }

    // Every method is forwarded; the document lists the two that OpenAI-compatible clients use.
    private static DescribedRoute Description { get; } = new(ApiTags.Proxy,
        "Passes an OpenAI-compatible request through to the caller's own cell.",
        "Whatever follows /v1/ is forwarded into the caller's cell as it is (GET models, POST chat/completions, streaming "
        + "included) and the cell's answer comes back as it is, starting the cell first when it is stopped. The request and "
        + "response bodies are the OpenAI chat completions API's; the model 'jiyul' picks the cell's own model. The hub "
        + "answers with problem details only when it cannot forward.", ["GET", "POST"])
    {
        Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["uid"] = "The caller's own uid (GET /api/auth/whoami tells it); anyone else's is 403.",
            ["rest"] = "The rest of the path after /v1/, slashes included: 'models' or 'chat/completions'.",
        },
        RequestContentTypes = ["application/json"],
        Responses =
        [
            new(StatusCodes.Status200OK, "The cell's answer, passed through: JSON, or server-sent events when the request "
                + "asked for \"stream\": true.", "application/json"),
        ],
        Problems = new Dictionary<int, string>
        {
            [StatusCodes.Status403Forbidden] = "The uid is not the caller's (reason not-owner).",
            [StatusCodes.Status413PayloadTooLarge] = "The body is larger than Proxy:MaxRequestBodyBytes (reason body-too-large).",
            [StatusCodes.Status429TooManyRequests] = "Too many cells are starting; Retry-After says when to ask again.",
            [StatusCodes.Status503ServiceUnavailable] = "The cell could not start or did not start in time; the detail says why.",
        },
    };
}
