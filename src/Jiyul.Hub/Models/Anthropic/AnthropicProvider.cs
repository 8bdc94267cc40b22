using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Models.Anthropic;

/// <summary>
/// Answers OpenAI-shaped requests with Anthropic's Messages API, translating the request on the way out and the
/// answer (whole or streamed) on the way back.
/// </summary>
/// <remarks>
/// This is written against the HTTP API rather than the official Anthropic SDK or Microsoft.Extensions.AI. The hub
/// starts and ends with OpenAI's wire format; going through the SDK would mean parsing that JSON into one set of
/// types, converting to another and back, and serialising again, losing whatever a step does not model, where a
/// direct mapping of one JSON shape to the other is short and can be read whole. The SDK also retries failed calls
/// on its own and can pick up credentials from the environment; the hub wants one attempt whose failure it reports,
/// and a key that comes only from its own configuration.
/// </remarks>
internal sealed class AnthropicProvider(
    IHttpClientFactory clients,
    IOptions<ModelsOptions> options,
    TimeProvider time,
    ILogger<AnthropicProvider> logger) : IModelProvider
{
    /// <summary>The version of the Messages API this translation follows.</summary>
    public const string ApiVersion = "2023-06-01";

    private readonly AnthropicProviderOptions _options = options.Value.Anthropic;

    public string Name => ModelProviders.Anthropic;

    public string Model => _options.Model;

    public async Task<CompletionResult> CompleteAsync(
        ChatRequest request,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);

        if (!AnthropicRequestTranslator.TryTranslate(request, _options, out var body, out var error))
        {
            await OpenAIErrors.WriteAsync(response, StatusCodes.Status400BadRequest, error, OpenAIErrors.InvalidRequest,
                "unsupported_request", cancellationToken);
            return CompletionResult.Failed(CompletionOutcome.Invalid, Model);
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, _options.BaseUrl.TrimEnd('/') + "/v1/messages")
        {
            Content = new StringContent(body.ToJsonString(WireJson.Options), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("x-api-key", _options.ApiKey);
        message.Headers.Add("anthropic-version", ApiVersion);
        var accept = request.Stream ? EventStream.ContentType : "application/json";
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        var client = clients.CreateClient(ModelsSetup.UpstreamClientName);
        var reply = await Upstream.SendAsync(client, message, response, Name, logger, cancellationToken);
        if (reply.Message is null)
        {
            return CompletionResult.Failed(reply.Failure, Model);
        }

        using var upstream = reply.Message;
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        return upstream.Content.Headers.ContentType?.MediaType == EventStream.ContentType
            ? await RelayStreamAsync(upstream, request.IncludeUsage, created, response, cancellationToken)
            : await RelayMessageAsync(upstream, created, response, cancellationToken);
    }

    private async Task<CompletionResult> RelayMessageAsync(
        HttpResponseMessage upstream,
        long created,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(await upstream.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (!AnthropicResponseTranslator.TryTranslate(answer, created, out var completion, out var input, out var output))
        {
            Log.AnswerBroken(logger, Name, "the answer is not a message");
            await OpenAIErrors.WriteAsync(response, StatusCodes.Status502BadGateway,
                "The model provider's answer could not be read.", OpenAIErrors.Upstream, "provider_error", cancellationToken);
            return CompletionResult.Failed(CompletionOutcome.Broken, Model);
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.WriteAsync(completion.ToJsonString(WireJson.Options), cancellationToken);
        return CompletionResult.Completed(completion["model"]!.GetValue<string>(), input, output);
    }

    private async Task<CompletionResult> RelayStreamAsync(
        HttpResponseMessage upstream,
        bool includeUsage,
        long created,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        await EventStream.StartAsync(response, cancellationToken);
        var translator = new AnthropicStreamTranslator(includeUsage, Model, created);
        string? broken = null;
        try
        {
            await using var stream = await upstream.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
            {
                if (ParseObject(item.Data) is not { } data)
                {
                    continue;
                }

                // Each event names its type in its data too; that copy is read, so a missing "event:" line is harmless.
                var type = AnthropicShapes.StringOf(data["type"]) ?? item.EventType;
                foreach (var chunk in translator.Accept(type, data))
                {
                    await EventStream.WriteJsonAsync(response, chunk, cancellationToken);
                }

                if (translator.Error is not null || translator.IsComplete)
                {
                    break;
                }
            }

            broken = translator.Error ?? (translator.IsComplete ? null : "the stream ended before message_stop");
        }
        catch (Exception exception) when (exception is (HttpRequestException or IOException) &&
            !cancellationToken.IsCancellationRequested)
        {
            broken = exception.GetType().Name;
        }

        if (broken is not null)
        {
            Log.AnswerBroken(logger, Name, broken);
            await EventStream.WriteBrokenAsync(response, cancellationToken);
            return CompletionResult.Failed(CompletionOutcome.Broken, translator.Model);
        }

        await EventStream.WriteDoneAsync(response, cancellationToken);
        return CompletionResult.Completed(translator.Model, translator.InputTokens, translator.OutputTokens);
    }

    private static JsonObject? ParseObject(string data)
    {
        try
        {
            return JsonNode.Parse(data) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
