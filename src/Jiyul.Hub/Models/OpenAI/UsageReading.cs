using System.Text.Json;

namespace Jiyul.Hub.Models.OpenAI;

/// <summary>
/// Collects the model and token counts from an OpenAI-shaped completion or its chunks. An endpoint that reports no
/// usage is recorded as zero tokens: the hub has no tokenizer of its own for every model it may be pointed at.
/// </summary>
internal sealed class UsageReading(string configuredModel)
{
    public string Model { get; private set; } = configuredModel;

    public bool Found { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public void Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String &&
            model.GetString() is { Length: > 0 } name)
        {
            Model = name;
        }

        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            Found = true;
            InputTokens = Count(usage, "prompt_tokens");
            OutputTokens = Count(usage, "completion_tokens");
        }
    }

    private static long Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number &&
        value.TryGetInt64(out var count)
            ? count
            : 0;
}
