using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Knowledge;
using Jiyul.Hub.Limits;
using Jiyul.Hub.Telemetry;
using Jiyul.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Models;

/// <summary>
/// The endpoints of the model socket: chat completions and models for every runtime, and knowledge search for the
/// lean agent, whose ahead-of-time compiled binary cannot carry the search library. Every request must carry a cell
/// token: it is how the hub knows whose usage a request is, and the socket is mounted into every cell, so without it
/// one cell could spend as another.
/// </summary>
internal sealed class ModelEgressEndpoints(
    IModelProvider provider,
    CellTokens tokens,
    IModelUsageSink usage,
    HubMetrics metrics,
    TokenBudget budget,
    TimeProvider time,
    ILogger<ModelEgressEndpoints> logger)
{
    /// <summary>The model name cells are configured with. Any name is accepted; the hub picks the real model.</summary>
    public const string DefaultModelAlias = "jiyul-default";

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    public static void Map(WebApplication app)
    {
        var endpoints = app.Services.GetRequiredService<ModelEgressEndpoints>();
        app.MapPost("/v1/chat/completions", (RequestDelegate)endpoints.ChatCompletionsAsync);
        app.MapGet("/v1/models", (RequestDelegate)endpoints.ModelsAsync);
        app.MapGet("/v1/knowledge/search", (RequestDelegate)endpoints.SearchAsync);
    }

    public async Task ChatCompletionsAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (!TryAuthenticate(context, out var uidHash))
        {
            await UnauthorizedAsync(context.Response, cancellationToken);
            return;
        }

        if (await budget.CheckAsync(uidHash, cancellationToken) is { } spent)
        {
            // No Retry-After: OpenAI's clients would sleep on it for hours inside the cell; the message says when.
            Log.BudgetSpent(logger, uidHash, spent.Spent, spent.Budget);
            await OpenAIErrors.WriteAsync(context.Response, StatusCodes.Status429TooManyRequests, spent.Message,
                OpenAIErrors.InsufficientQuota, "daily_token_budget_spent", cancellationToken);
            return;
        }

        var started = time.GetTimestamp();
        try
        {
            await CompleteAsync(context, uidHash, started, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Nothing is recorded for an answer the cell abandoned: a provider reports usage only at the end,
            // which the hub then never reads. Such tokens are spent but not counted.
            var elapsed = time.GetElapsedTime(started);
            Log.CellHungUp(logger, uidHash, elapsed);
        }
    }

    public async Task ModelsAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (!TryAuthenticate(context, out _))
        {
            await UnauthorizedAsync(context.Response, cancellationToken);
            return;
        }

        var models = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(ModelEntry(DefaultModelAlias, "jiyul"), ModelEntry(provider.Model, provider.Name)),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(models.ToJsonString(WireJson.Options), cancellationToken);
    }

    /// <summary>
    /// <c>GET /v1/knowledge/search?q=&amp;k=</c>: the same answer as the hub's <c>/api/knowledge/search</c>, for a cell.
    /// </summary>
    public async Task SearchAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (!TryAuthenticate(context, out _))
        {
            await UnauthorizedAsync(context.Response, cancellationToken);
            return;
        }

        var query = context.Request.Query;
        int? k = null;
        if (query["k"] is { Count: > 0 } kText)
        {
            if (!int.TryParse(kText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await OpenAIErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "'k' must be a whole number.",
                    OpenAIErrors.InvalidRequest, "invalid_request", cancellationToken);
                return;
            }

            k = parsed;
        }

        var services = context.RequestServices;
        var answer = SearchEndpoint.Handle(query["q"], k, services.GetRequiredService<LiveKnowledgeIndex>(),
            services.GetRequiredService<IOptions<KnowledgeOptions>>());
        await answer.ExecuteAsync(context);
    }

    private async Task CompleteAsync(HttpContext context, string uidHash, long started, CancellationToken cancellationToken)
    {
        if (await ReadRequestAsync(context, uidHash, cancellationToken) is not { } request)
        {
            return;
        }

        var result = await provider.CompleteAsync(request, context.Response, cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        Log.RequestEnded(logger, uidHash, result.Outcome, provider.Name, result.Model, elapsed);

        if (result.Outcome == CompletionOutcome.Completed)
        {
            // Recorded even if the cell hangs up right now: the answer was produced and delivered.
            var used = new ModelUsage(uidHash, provider.Name, result.Model, result.InputTokens, result.OutputTokens);
            await usage.RecordAsync(used, CancellationToken.None);
            metrics.ModelTokensUsed(provider.Name, result.InputTokens, result.OutputTokens);
        }
    }

    /// <summary>Parses and checks the body; null when it is unusable, in which case the cell has had its answer.</summary>
    private async Task<ChatRequest?> ReadRequestAsync(HttpContext context, string uidHash, CancellationToken cancellationToken)
    {
        var response = context.Response;
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, documentOptions: DocumentOptions,
                cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            Log.RequestMalformed(logger, uidHash, "not JSON");
            await OpenAIErrors.WriteAsync(response, StatusCodes.Status400BadRequest, "The request body is not valid JSON.",
                OpenAIErrors.InvalidRequest, "invalid_json", cancellationToken);
            return null;
        }
        catch (BadHttpRequestException bad)
        {
            // Kestrel's verdict on the body itself; in practice, a body over Models:MaxRequestBytes (413).
            Log.RequestUnreadable(logger, uidHash, bad.StatusCode);
            var message = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is too large."
                : "The request body could not be read.";
            await OpenAIErrors.WriteAsync(response, bad.StatusCode, message, OpenAIErrors.InvalidRequest, null, cancellationToken);
            return null;
        }

        if (!ChatRequest.TryCreate(body, out var request, out var error))
        {
            Log.RequestMalformed(logger, uidHash, error);
            await OpenAIErrors.WriteAsync(response, StatusCodes.Status400BadRequest, error, OpenAIErrors.InvalidRequest,
                "invalid_request", cancellationToken);
            return null;
        }

        return request;
    }

    private bool TryAuthenticate(HttpContext context, out string uidHash)
    {
        const string scheme = "Bearer ";
        string? header = context.Request.Headers.Authorization;
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            Log.TokenRejected(logger, "no");
            uidHash = "";
            return false;
        }

        if (!tokens.TryValidate(header[scheme.Length..].Trim(), out uidHash))
        {
            Log.TokenRejected(logger, "an invalid");
            return false;
        }

        return true;
    }

    private static Task UnauthorizedAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.WWWAuthenticate = "Bearer";
        return OpenAIErrors.WriteAsync(response, StatusCodes.Status401Unauthorized, "A valid cell token is required.",
            OpenAIErrors.InvalidRequest, "invalid_api_key", cancellationToken);
    }

    private static JsonObject ModelEntry(string id, string owner) =>
        new() { ["id"] = id, ["object"] = "model", ["created"] = 0, ["owned_by"] = owner };
}
