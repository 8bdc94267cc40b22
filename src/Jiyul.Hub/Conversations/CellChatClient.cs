using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Proxy;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// Asks a user's cell for a streamed chat completion over its socket, through the hub's one cell client, with the
/// cell token the hub alone holds. The whole conversation so far goes with every request: the hub is where the
/// history lives, so both runtimes see the same turns whatever the cell remembers (a re-created or killed cell
/// remembers nothing). For that reason no OpenAI <c>user</c> field is sent: OpenClaw would keep a session of its
/// own under it and then see every earlier turn twice, once from its session and once from the request.
/// </summary>
internal sealed class CellChatClient(
    CellGateway gateway,
    CellTokens tokens,
    TimeProvider time,
    IOptions<ConversationsOptions> options)
{
    private const int MaxErrorChars = 500;

    /// <summary>
    /// Streams the reply to <paramref name="turns"/>, handing each piece of text to <paramref name="onText"/> as it
    /// arrives. Expected failures (the cell refuses, errs, breaks off or goes silent) are the outcome, not thrown;
    /// cancellation by <paramref name="cancellationToken"/> is thrown.
    /// </summary>
    public async Task<ChatOutcome> StreamAsync(
        string uidHash,
        string runtime,
        IReadOnlyList<ChatTurn> turns,
        Func<string, CancellationToken, ValueTask> onText,
        CancellationToken cancellationToken)
    {
        var idleTimeout = options.Value.ReplyIdleTimeout;
        using var idle = new CancellationTokenSource(idleTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            using var request = CreateRequest(uidHash, runtime, turns);
            using var response = await gateway.Invoker.SendAsync(request, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(linked.Token);
                return ChatOutcome.Broken("cell-error",
                    $"The assistant answered {(int)response.StatusCode}: {ErrorMessageOf(body)}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(linked.Token))
            {
                idle.CancelAfter(idleTimeout);
                if (item.Data == "[DONE]")
                {
                    return ChatOutcome.Complete;
                }

                if (!TryReadChunk(item.Data, out var text, out var error))
                {
                    return ChatOutcome.Broken("model-error", "The model failed mid-reply: " + error);
                }

                if (text.Length > 0)
                {
                    await onText(text, linked.Token);
                }
            }

            return ChatOutcome.Broken("stream-broken", "The assistant's stream ended before the reply was finished.");
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ChatOutcome.Broken("reply-timeout",
                $"The assistant sent nothing for {idleTimeout.TotalSeconds:0} s; the reply was given up.");
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return ChatOutcome.Broken("cell-unreachable", "The assistant could not be reached: " + e.Message);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return ChatOutcome.Broken("stream-broken", "The assistant's stream broke off (the cell stopped or failed).");
        }
    }

    private HttpRequestMessage CreateRequest(string uidHash, string runtime, IReadOnlyList<ChatTurn> turns)
    {
        var messages = new JsonArray();
        foreach (var turn in turns)
        {
            messages.Add(new JsonObject { ["role"] = turn.Role, ["content"] = turn.Content });
        }

        var body = new JsonObject
        {
            // OpenClaw takes the model as the agent to run and knows only its own names.
            ["model"] = runtime == CellRuntimes.OpenClaw ? OpenClawModelAlias.DefaultAgent : OpenClawModelAlias.ClientModel,
            ["stream"] = true,
            ["messages"] = messages,
        };

        var request = new HttpRequestMessage(HttpMethod.Post, CellGateway.BaseAddress(uidHash) + "v1/chat/completions")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(uidHash));
        return request;
    }

    /// <summary>Reads one chunk: the text of its first choice's delta, or the message of an error chunk.</summary>
    private static bool TryReadChunk(string data, out string text, out string error)
    {
        text = "";
        error = "";
        JsonNode? chunk;
        try
        {
            chunk = JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            error = "an event was not JSON.";
            return false;
        }

        if (chunk is not JsonObject json)
        {
            error = "an event was not a JSON object.";
            return false;
        }

        if (json["error"] is { } failure)
        {
            error = ErrorMessageOf(failure.ToJsonString());
            return false;
        }

        if (json["choices"] is JsonArray { Count: > 0 } choices
            && choices[0]?["delta"]?["content"] is JsonValue content
            && content.GetValueKind() == JsonValueKind.String)
        {
            text = content.GetValue<string>();
        }

        return true;
    }

    // An OpenAI error's message when there is one; otherwise the start of the body. Neither carries user content.
    private static string ErrorMessageOf(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            var message = (node?["error"] as JsonObject)?["message"] ?? node?["message"];
            if (message is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                return Cut(value.GetValue<string>());
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself says what happened.
        }

        return Cut(body.Trim());
    }

    private static string Cut(string text) => text.Length > MaxErrorChars ? text[..MaxErrorChars] + "…" : text;
}
