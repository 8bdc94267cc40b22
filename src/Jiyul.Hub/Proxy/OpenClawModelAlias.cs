using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jiyul.Hub.Proxy;

/// <summary>
/// OpenClaw takes a chat completion's <c>model</c> as the agent to run and refuses any name but its own
/// (<c>openclaw</c>, <c>openclaw/&lt;agent&gt;</c>). Clients of the hub ask for <c>jiyul</c> whatever the runtime,
/// so for an OpenClaw cell that name is rewritten to OpenClaw's default agent before the request is forwarded.
/// </summary>
internal static class OpenClawModelAlias
{
    public const string ClientModel = "jiyul";

    public const string DefaultAgent = "openclaw";

    /// <summary>
    /// Rewrites the request body in place when it names <see cref="ClientModel"/>. The body is already bounded by
    /// the proxy's request limit, so reading it whole is safe; a body that is not a JSON object, or that names
    /// another model, goes on as it came, for OpenClaw to answer.
    /// </summary>
    public static async Task ApplyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        request.Body = buffer;

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            return;
        }

        if (body is JsonObject json && json["model"] is JsonValue model && model.GetValueKind() == JsonValueKind.String
            && model.GetValue<string>() == ClientModel)
        {
            json["model"] = DefaultAgent;
            var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
            request.Body = new MemoryStream(bytes, writable: false);
            request.ContentLength = bytes.Length;
            request.Headers.TransferEncoding = default;
        }
    }
}
