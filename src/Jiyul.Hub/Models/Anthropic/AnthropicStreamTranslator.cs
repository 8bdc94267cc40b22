using System.Text.Json.Nodes;

namespace Jiyul.Hub.Models.Anthropic;

/// <summary>
/// Follows an Anthropic message stream event by event and says which OpenAI chunks each one becomes. Text deltas
/// become content deltas; a tool use becomes a tool call whose arguments arrive in pieces, numbered by its place
/// among the tool calls, as OpenAI numbers them. Usage arrives in two parts (input at the start, output at the
/// end) and is sent to the cell in one chunk after the last, when the cell asked for it.
/// </summary>
internal sealed class AnthropicStreamTranslator(bool includeUsage, string model, long created)
{
    private readonly Dictionary<long, int> _toolCallOfBlock = [];
    private string _id = "chatcmpl-anthropic";
    private string? _finishReason;

    public string Model { get; private set; } = model;

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    /// <summary>True once <c>message_stop</c> has arrived: the answer is whole.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>The message of an <c>error</c> event, which ends the stream early.</summary>
    public string? Error { get; private set; }

    public IReadOnlyList<JsonObject> Accept(string type, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        switch (type)
        {
            case "message_start":
                var message = data["message"];
                _id = "chatcmpl-" + AnthropicShapes.StringOf(message?["id"]);
                Model = AnthropicShapes.StringOf(message?["model"]) ?? Model;
                ReadUsage(message?["usage"]);
                return [Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" })];

            case "content_block_start":
                return BlockStarted(AnthropicShapes.CountOf(data["index"]), data["content_block"]);

            case "content_block_delta":
                return BlockDelta(AnthropicShapes.CountOf(data["index"]), data["delta"]);

            case "message_delta":
                var stopReason = AnthropicShapes.StringOf(data["delta"]?["stop_reason"]);
                _finishReason = AnthropicShapes.FinishReason(stopReason) ?? _finishReason;
                ReadUsage(data["usage"]);
                return [];

            case "message_stop":
                IsComplete = true;
                var last = Chunk([], _finishReason ?? "stop");
                return includeUsage
                    ? [last, ChatCompletionShapes.UsageChunk(_id, created, Model, InputTokens, OutputTokens)]
                    : [last];

            case "error":
                Error = AnthropicShapes.StringOf(data["error"]?["type"]) ?? "error";
                return [];

            default:
                // ping, content_block_stop, and event types added after this was written.
                return [];
        }
    }

    private JsonObject[] BlockStarted(long index, JsonNode? block)
    {
        switch (AnthropicShapes.StringOf(block?["type"]))
        {
            case "text" when AnthropicShapes.StringOf(block!["text"]) is { Length: > 0 } text:
                return [Chunk(new JsonObject { ["content"] = text })];

            case "tool_use":
                var toolCall = _toolCallOfBlock.Count;
                _toolCallOfBlock[index] = toolCall;
                var call = new JsonObject
                {
                    ["index"] = toolCall,
                    ["id"] = AnthropicShapes.StringOf(block!["id"]),
                    ["type"] = "function",
                    ["function"] = new JsonObject
                    {
                        ["name"] = AnthropicShapes.StringOf(block["name"]),
                        ["arguments"] = "",
                    },
                };
                return [Chunk(new JsonObject { ["tool_calls"] = new JsonArray(call) })];

            default:
                return [];
        }
    }

    private JsonObject[] BlockDelta(long index, JsonNode? delta)
    {
        switch (AnthropicShapes.StringOf(delta?["type"]))
        {
            case "text_delta":
                return [Chunk(new JsonObject { ["content"] = AnthropicShapes.StringOf(delta!["text"]) ?? "" })];

            case "input_json_delta" when _toolCallOfBlock.TryGetValue(index, out var toolCall):
                var call = new JsonObject
                {
                    ["index"] = toolCall,
                    ["function"] = new JsonObject
                    {
                        ["arguments"] = AnthropicShapes.StringOf(delta!["partial_json"]) ?? "",
                    },
                };
                return [Chunk(new JsonObject { ["tool_calls"] = new JsonArray(call) })];

            default:
                // Thinking and signature deltas are not part of an OpenAI answer.
                return [];
        }
    }

    // Counts in message_delta are running totals, so the latest value wins; input counts appear there only sometimes.
    private void ReadUsage(JsonNode? usage)
    {
        if (usage is null)
        {
            return;
        }

        if (usage["input_tokens"] is not null)
        {
            InputTokens = AnthropicShapes.InputTokensOf(usage);
        }

        if (usage["output_tokens"] is not null)
        {
            OutputTokens = AnthropicShapes.CountOf(usage["output_tokens"]);
        }
    }

    private JsonObject Chunk(JsonObject delta, string? finishReason = null) =>
        ChatCompletionShapes.Chunk(_id, created, Model, delta, finishReason);
}
