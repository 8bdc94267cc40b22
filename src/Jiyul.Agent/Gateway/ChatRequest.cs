using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// A client's chat completion request, held as a JSON tree. The agent changes only the model and the messages and
/// passes every other field on untouched, so options it does not know (tools, response formats, new sampling
/// parameters) still reach the model.
/// </summary>
internal sealed class ChatRequest
{
    // The body goes to a JSON API, not into HTML: Korean text is written as itself rather than as \u escapes,
    // which would triple its size.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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

        return (new ChatRequest(request, messages, stream.Value), null);
    }

    /// <summary>
    /// The body to send to the model: the agent's system message first, then the client's messages (its own system
    /// messages included) in their order, and the egress model in place of the one the client named.
    /// </summary>
    public HttpContent ToModelContent(string systemPrompt, string model)
    {
        _body["model"] = model;
        _messages.Insert(0, new JsonObject
        {
            ["role"] = "system",
            ["content"] = systemPrompt,
        });

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            _body.WriteTo(writer);
        }

        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
