using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jiyul.Hub.Models.Anthropic;

/// <summary>Reading Anthropic's JSON: strings, counts, usage and stop reasons, shared by every translation.</summary>
internal static class AnthropicShapes
{
    /// <summary>Anthropic's stop reasons in OpenAI's words; null while the answer has none.</summary>
    public static string? FinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "max_tokens" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        _ => "stop",
    };

    public static string? StringOf(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    public static long CountOf(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<long>(out var count) ? count : 0;

    /// <summary>
    /// Input tokens as OpenAI counts them: Anthropic reports tokens written to and read from its prompt cache apart
    /// from the rest, and all of them were sent.
    /// </summary>
    public static long InputTokensOf(JsonNode? usage) =>
        CountOf(usage?["input_tokens"]) +
        CountOf(usage?["cache_creation_input_tokens"]) +
        CountOf(usage?["cache_read_input_tokens"]);
}
