using System.Text.Json.Nodes;

namespace Jiyul.Hub.Models;

/// <summary>The parts of OpenAI's chat completion format that the hub writes itself: offline and translated answers.</summary>
internal static class ChatCompletionShapes
{
    public static JsonObject Completion(
        string id,
        long created,
        string model,
        JsonObject message,
        string? finishReason,
        JsonObject usage) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = usage,
    };

    public static JsonObject Chunk(
        string id,
        long created,
        string model,
        JsonObject delta,
        string? finishReason = null) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
        }),
    };

    /// <summary>As OpenAI sends it when asked: a chunk of its own, after the last choice, with no choices.</summary>
    public static JsonObject UsageChunk(string id, long created, string model, long inputTokens, long outputTokens) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(),
        ["usage"] = Usage(inputTokens, outputTokens),
    };

    public static JsonObject Usage(long inputTokens, long outputTokens) => new()
    {
        ["prompt_tokens"] = inputTokens,
        ["completion_tokens"] = outputTokens,
        ["total_tokens"] = inputTokens + outputTokens,
    };
}
