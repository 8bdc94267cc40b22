using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// A client's chat completion request, read as a JSON tree and checked. The agent keeps the text of the messages
/// and the common sampling options; tools are the agent's own, so a client that brings tools is told they are not
/// supported rather than ignored.
/// </summary>
internal sealed class ChatRequest
{
    private readonly JsonObject _body;
    private readonly JsonArray _messages;

    private ChatRequest(JsonObject body, JsonArray messages, bool stream)
    {
        _body = body;
        _messages = messages;
        Stream = stream;
    }

    /// <summary>Whether the client asked for server-sent events.</summary>
    public bool Stream { get; }

    /// <summary>
    /// Reads and checks a request body; gives the reason in <c>Error</c> when it is not a chat request.
    /// </summary>
    /// <exception cref="BadHttpRequestException">The body is larger than the server accepts.</exception>
    public static async Task<(ChatRequest? Request, string? Error)> ReadAsync(
        Stream body,
        CancellationToken cancellationToken)
    {
        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, "The request body is not valid JSON.");
        }

        if (root is not JsonObject request)
        {
            return (null, "The request body must be a JSON object.");
        }

        if (request["messages"] is not JsonArray { Count: > 0 } messages
            || !messages.All(m => m is JsonObject message && message["role"]?.GetValueKind() == JsonValueKind.String))
        {
            return (null, "'messages' must be a non-empty array of messages, each with a 'role'.");
        }

        var stream = request["stream"]?.GetValueKind() switch
        {
            null or JsonValueKind.Null or JsonValueKind.False => false,
            JsonValueKind.True => true,
            _ => (bool?)null,
        };
        if (stream is null)
        {
            return (null, "'stream' must be true or false.");
        }

        if (request["tools"] is JsonArray { Count: > 0 } || request["functions"] is JsonArray { Count: > 0 })
        {
            return (null, "This assistant uses its own tools (knowledge search and skill files); "
                + "'tools' from the client are not supported.");
        }

        return (new ChatRequest(request, messages, stream.Value), null);
    }

    /// <summary>
    /// The conversation for the model: the agent's system message first, then the client's messages (its own system
    /// messages included) in their order, as text. Sampling options the client gave are kept; the model is the
    /// egress model, whatever the client named, and the tools are the agent's.
    /// </summary>
    public (List<ChatMessage> Messages, ChatOptions Options) ToChat(string systemPrompt, string model, IList<AITool> tools)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, systemPrompt) };
        foreach (var node in _messages)
        {
            var message = (JsonObject)node!;
            var role = message["role"]!.GetValue<string>() switch
            {
                "system" or "developer" => ChatRole.System,
                "assistant" => ChatRole.Assistant,
                "user" => ChatRole.User,

                // Results of tools the client ran itself: the agent offers no client tools, so there are none to pair.
                _ => (ChatRole?)null,
            };
            if (role is { } known && TextOf(message["content"]) is { Length: > 0 } text)
            {
                messages.Add(new ChatMessage(known, text));
            }
        }

        var options = new ChatOptions
        {
            ModelId = model,
            Tools = tools,
            ToolMode = ChatToolMode.Auto,
            Temperature = Number(_body["temperature"]) is { } temperature ? (float)temperature : null,
            TopP = Number(_body["top_p"]) is { } topP ? (float)topP : null,
            PresencePenalty = Number(_body["presence_penalty"]) is { } presence ? (float)presence : null,
            FrequencyPenalty = Number(_body["frequency_penalty"]) is { } frequency ? (float)frequency : null,
            MaxOutputTokens = Integer(_body["max_completion_tokens"]) ?? Integer(_body["max_tokens"]),
            Seed = Integer(_body["seed"]),
            StopSequences = Stops(_body["stop"]),
        };

        // The user id is how the hub's provider tells end users apart; it has no place in ChatOptions of its own.
        if (_body["user"]?.GetValueKind() == JsonValueKind.String)
        {
            var user = _body["user"]!.GetValue<string>();
#pragma warning disable OPENAI001 // EndUserId is marked for evaluation; it is the documented 'user' field.
            options.RawRepresentationFactory = _ => new ChatCompletionOptions { EndUserId = user };
#pragma warning restore OPENAI001
        }

        return (messages, options);
    }

    /// <summary>Text of a message's content: a string, or the text parts of an array of parts joined.</summary>
    private static string? TextOf(JsonNode? content) => content switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray parts => string.Join("\n", parts.OfType<JsonObject>()
            .Where(p => p["type"]?.GetValueKind() == JsonValueKind.String && p["type"]!.GetValue<string>() == "text")
            .Select(p => p["text"]?.GetValueKind() == JsonValueKind.String ? p["text"]!.GetValue<string>() : "")),
        _ => null,
    };

    private static double? Number(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>() : null;

    private static int? Integer(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value) ? value : null;

    private static List<string>? Stops(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        JsonArray values => [.. values.Where(v => v?.GetValueKind() == JsonValueKind.String).Select(v => v!.GetValue<string>())],
        _ => null,
    };
}
