using System.Text.Json;

namespace Jiyul.Hub.Models;

/// <summary>
/// Calls a provider and turns its failures into answers a cell can act on. What the provider said is passed on only
/// when it is about the cell's own request (400, 413, 422) or asks it to slow down (429); a provider that rejects the
/// hub itself (a wrong key, an unknown model) becomes 502, because the cell can do nothing about it and must not
/// take it for a problem with its own token.
/// </summary>
internal static class Upstream
{
    private const int MaxErrorBytes = 64 * 1024;

    public static async Task<UpstreamReply> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        HttpResponse cell,
        string provider,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage message;
        try
        {
            message = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            Log.ProviderUnreachable(logger, provider, exception);
            await WriteAsync(cell, StatusCodes.Status502BadGateway, "The model provider could not be reached.",
                "provider_unreachable", cancellationToken);
            return new UpstreamReply(null, CompletionOutcome.Unreachable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation that nobody asked for.
            Log.ProviderTimedOut(logger, provider, client.Timeout);
            await WriteAsync(cell, StatusCodes.Status504GatewayTimeout, "The model provider did not answer in time.",
                "provider_timeout", cancellationToken);
            return new UpstreamReply(null, CompletionOutcome.Unreachable);
        }

        if (message.IsSuccessStatusCode)
        {
            return new UpstreamReply(message, CompletionOutcome.Completed);
        }

        using (message)
        {
            var status = (int)message.StatusCode;
            Log.ProviderRefused(logger, provider, status);
            await RelayErrorAsync(message, cell, status, cancellationToken);
            return new UpstreamReply(null, CompletionOutcome.Refused);
        }
    }

    private static async Task RelayErrorAsync(
        HttpResponseMessage message,
        HttpResponse cell,
        int status,
        CancellationToken cancellationToken)
    {
        switch (status)
        {
            case StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status422UnprocessableEntity:
                var reason = await ReadErrorMessageAsync(message, cancellationToken) ?? "The model provider rejected the request.";
                await OpenAIErrors.WriteAsync(cell, status, reason, OpenAIErrors.InvalidRequest, "provider_rejected_request",
                    cancellationToken);
                break;

            case StatusCodes.Status429TooManyRequests:
                if (message.Headers.RetryAfter is { } retryAfter)
                {
                    cell.Headers.RetryAfter = retryAfter.ToString();
                }

                var limit = await ReadErrorMessageAsync(message, cancellationToken) ?? "The model provider's rate limit was reached.";
                await OpenAIErrors.WriteAsync(cell, status, limit, OpenAIErrors.RateLimit, "rate_limit_exceeded", cancellationToken);
                break;

            // 529 is Anthropic's "overloaded".
            case StatusCodes.Status503ServiceUnavailable or 529:
                await WriteAsync(cell, StatusCodes.Status503ServiceUnavailable, "The model provider is overloaded; try again later.",
                    "provider_overloaded", cancellationToken);
                break;

            default:
                await WriteAsync(cell, StatusCodes.Status502BadGateway, $"The model provider answered status {status}.",
                    "provider_error", cancellationToken);
                break;
        }
    }

    private static Task WriteAsync(HttpResponse cell, int status, string message, string code, CancellationToken cancellationToken) =>
        OpenAIErrors.WriteAsync(cell, status, message, OpenAIErrors.Upstream, code, cancellationToken);

    /// <summary>Reads <c>error.message</c>, where OpenAI and Anthropic both put it; null when there is none.</summary>
    private static async Task<string?> ReadErrorMessageAsync(HttpResponseMessage message, CancellationToken cancellationToken)
    {
        // Only the start is read: an error body worth relaying is short, and a huge one is not worth the memory.
        await using var stream = await message.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object &&
                error.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String
                    ? text.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
