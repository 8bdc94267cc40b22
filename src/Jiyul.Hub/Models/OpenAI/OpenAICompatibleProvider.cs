using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Models.OpenAI;

/// <summary>
/// Forwards a cell's request to an OpenAI-compatible endpoint with the hub's key and model, and relays the answer as
/// it arrives. The body is passed through, not rebuilt, so tool calls, response formats and parameters this code
/// has never heard of reach the provider intact; the answer's events are relayed verbatim for the same reason.
/// </summary>
internal sealed class OpenAICompatibleProvider(
    IHttpClientFactory clients,
    IOptions<ModelsOptions> options,
    ILogger<OpenAICompatibleProvider> logger) : IModelProvider
{
    private readonly OpenAIProviderOptions _options = options.Value.OpenAI;

    public string Name => ModelProviders.OpenAI;

    public string Model => _options.Model;

    public async Task<CompletionResult> CompleteAsync(
        ChatRequest request,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);

        var body = request.Body;
        body["model"] = _options.Model;
        if (request.Stream)
        {
            // Usage is how the hub learns what a response cost; it is asked for even when the cell did not ask.
            var streamOptions = body["stream_options"] as JsonObject ?? [];
            streamOptions["include_usage"] = true;
            body["stream_options"] = streamOptions;
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, _options.BaseUrl.TrimEnd('/') + "/chat/completions")
        {
            Content = new StringContent(body.ToJsonString(WireJson.Options), Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        var accept = request.Stream ? EventStream.ContentType : "application/json";
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        var client = clients.CreateClient(ModelsSetup.UpstreamClientName);
        var reply = await Upstream.SendAsync(client, message, response, Name, logger, cancellationToken);
        if (reply.Message is null)
        {
            return CompletionResult.Failed(reply.Failure, Model);
        }

        using var upstream = reply.Message;
        return upstream.Content.Headers.ContentType?.MediaType == EventStream.ContentType
            ? await RelayStreamAsync(upstream, request.IncludeUsage, response, cancellationToken)
            : await RelayJsonAsync(upstream, response, cancellationToken);
    }

    private async Task<CompletionResult> RelayJsonAsync(
        HttpResponseMessage upstream,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var bytes = await upstream.Content.ReadAsByteArrayAsync(cancellationToken);
        var usage = new UsageReading(Model);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            usage.Read(document.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON after all; the cell gets it as it came, and the usage stays unknown.
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/json";
        await response.Body.WriteAsync(bytes, cancellationToken);
        return Finish(usage);
    }

    private async Task<CompletionResult> RelayStreamAsync(
        HttpResponseMessage upstream,
        bool cellWantsUsage,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        await EventStream.StartAsync(response, cancellationToken);
        var usage = new UsageReading(Model);
        try
        {
            await using var stream = await upstream.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
            {
                if (item.Data == "[DONE]")
                {
                    break;
                }

                if (Inspect(item.Data, usage) && !cellWantsUsage)
                {
                    // The hub asked for this usage-only chunk; a cell that did not may not expect empty choices.
                    continue;
                }

                await EventStream.WriteDataAsync(response, item.Data, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is (HttpRequestException or IOException) &&
            !cancellationToken.IsCancellationRequested)
        {
            Log.AnswerBroken(logger, Name, exception.GetType().Name);
            await EventStream.WriteBrokenAsync(response, cancellationToken);
            return CompletionResult.Failed(CompletionOutcome.Broken, usage.Model);
        }

        // A stream that ended cleanly is complete even when the endpoint left out [DONE]; the cell gets one regardless.
        await EventStream.WriteDoneAsync(response, cancellationToken);
        return Finish(usage);
    }

    /// <summary>Reads model and usage from a chunk; true when the chunk carries usage and no choices.</summary>
    private static bool Inspect(string data, UsageReading usage)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            usage.Read(root);
            return root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("usage", out var found) && found.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array &&
                choices.GetArrayLength() == 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private CompletionResult Finish(UsageReading usage)
    {
        if (!usage.Found)
        {
            Log.UsageMissing(logger, Name);
        }

        return CompletionResult.Completed(usage.Model, usage.InputTokens, usage.OutputTokens);
    }
}
