using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Jiyul.Hub.Models.Anthropic;

/// <summary>Turns a whole Anthropic message into an OpenAI chat completion: text joined, tool uses as calls.</summary>
internal static class AnthropicResponseTranslator
{
    public static bool TryTranslate(
        JsonNode? answer,
        long created,
        [NotNullWhen(true)] out JsonObject? completion,
        out long inputTokens,
        out long outputTokens)
    {
        completion = null;
        inputTokens = 0;
        outputTokens = 0;
        if (answer is not JsonObject message || AnthropicShapes.StringOf(message["type"]) != "message" ||
            message["content"] is not JsonArray content)
        {
            return false;
        }

        var text = new System.Text.StringBuilder();
        var toolCalls = new JsonArray();
        foreach (var block in content)
        {
            switch (AnthropicShapes.StringOf(block?["type"]))
            {
                case "text":
                    text.Append(AnthropicShapes.StringOf(block!["text"]));
                    break;

                case "tool_use":
                    toolCalls.Add(new JsonObject
                    {
                        ["id"] = AnthropicShapes.StringOf(block!["id"]),
                        ["type"] = "function",
                        ["function"] = new JsonObject
                        {
                            ["name"] = AnthropicShapes.StringOf(block["name"]),
                            ["arguments"] = block["input"]?.ToJsonString(WireJson.Options) ?? "{}",
                        },
                    });
                    break;

                default:
                    // Thinking and server tool blocks have no place in an OpenAI message.
                    break;
            }
        }

        var reply = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = text.Length == 0 && toolCalls.Count > 0 ? null : text.ToString(),
        };
        if (toolCalls.Count > 0)
        {
            reply["tool_calls"] = toolCalls;
        }

        inputTokens = AnthropicShapes.InputTokensOf(message["usage"]);
        outputTokens = AnthropicShapes.CountOf(message["usage"]?["output_tokens"]);
        completion = ChatCompletionShapes.Completion(
            "chatcmpl-" + AnthropicShapes.StringOf(message["id"]),
            created,
            AnthropicShapes.StringOf(message["model"]) ?? "",
            reply,
            AnthropicShapes.FinishReason(AnthropicShapes.StringOf(message["stop_reason"])) ?? "stop",
            ChatCompletionShapes.Usage(inputTokens, outputTokens));
        return true;
    }
}
