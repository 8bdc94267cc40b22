using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jiyul.Hub.Models;

/// <summary>
/// A cell's OpenAI chat completion request, checked just enough to be answered. The body is kept as a JSON tree so
/// that a provider passing it on keeps every field it does not know (tools, response formats, new parameters).
/// Each request is parsed afresh, so a provider may change <see cref="Body"/> in place.
/// </summary>
internal sealed class ChatRequest
{
    private ChatRequest(JsonObject body, JsonArray messages, bool stream, bool includeUsage)
    {
        Body = body;
        Messages = messages;
        Stream = stream;
        IncludeUsage = includeUsage;
    }

    public JsonObject Body { get; }

    /// <summary>The messages; each is a JSON object with a string <c>role</c>.</summary>
    public JsonArray Messages { get; }

    public bool Stream { get; }

    /// <summary>Whether the cell asked for a usage chunk at the end of its stream (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; }

    public static bool TryCreate(
        JsonNode? node,
        [NotNullWhen(true)] out ChatRequest? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (node is not JsonObject body)
        {
            error = "The request body must be a JSON object.";
            return false;
        }

        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            error = "'messages' must be a non-empty array.";
            return false;
        }

        foreach (var message in messages)
        {
            if (message is not JsonObject item || !IsString(item["role"]))
            {
                error = "Every message must be an object with a string 'role'.";
                return false;
            }
        }

        if (!TryGetFlag(body["stream"], out var stream) ||
            !TryGetFlag((body["stream_options"] as JsonObject)?["include_usage"], out var includeUsage))
        {
            error = "'stream' and 'stream_options.include_usage' must be true or false.";
            return false;
        }

        request = new ChatRequest(body, messages, stream, stream && includeUsage);
        error = null;
        return true;
    }

    public static string RoleOf(JsonNode? message) => message?["role"]?.GetValue<string>() ?? "";

    /// <summary>The text of a message's content: a string, or the <c>text</c> parts of an array of parts.</summary>
    public static string TextOf(JsonNode? content)
    {
        if (content is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        if (content is not JsonArray parts)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is JsonObject { } p && p["type"]?.GetValueKind() == JsonValueKind.String &&
                p["type"]!.GetValue<string>() == "text" && IsString(p["text"]))
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(p["text"]!.GetValue<string>());
            }
        }

        return text.ToString();
    }

    /// <summary>The text of the last message whose role is <c>user</c>; empty when there is none.</summary>
    public string LastUserText()
    {
        for (var i = Messages.Count - 1; i >= 0; i--)
        {
            if (RoleOf(Messages[i]) == "user")
            {
                return TextOf(Messages[i]!["content"]);
            }
        }

        return "";
    }

    private static bool IsString(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String;

    private static bool TryGetFlag(JsonNode? node, out bool flag)
    {
        flag = false;
        switch (node?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                flag = node.GetValue<bool>();
                return true;
            default:
                return false;
        }
    }
}
