using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// Writes answers in the OpenAI chat completion shapes: a whole <c>chat.completion</c>, or the
/// <c>chat.completion.chunk</c> events of a stream.
/// </summary>
internal static class CompletionJson
{
    // The body goes to a JSON client, not into HTML: Korean text is written as itself rather than as \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReadOnlyMemory<byte> Completion(ChatResponse response, string id, string model, long created)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            WriteHeader(json, id, "chat.completion", model, created);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", response.Text);
            json.WriteEndObject();
            json.WriteString("finish_reason", FinishReason(response.FinishReason));
            json.WriteEndObject();
            json.WriteEndArray();
            WriteUsage(json, response.Usage);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>One event of a stream: a piece of text, or (with <paramref name="finishReason"/>) the closing chunk.</summary>
    public static ReadOnlyMemory<byte> ChunkEvent(string id, string model, long created, string? text, bool first, string? finishReason)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("data: "u8);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            WriteHeader(json, id, "chat.completion.chunk", model, created);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("delta");
            if (first)
            {
                json.WriteString("role", "assistant");
            }

            if (text is not null)
            {
                json.WriteString("content", text);
            }

            json.WriteEndObject();
            if (finishReason is null)
            {
                json.WriteNull("finish_reason");
            }
            else
            {
                json.WriteString("finish_reason", finishReason);
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        return buffer.WrittenMemory;
    }

    public static string FinishReason(ChatFinishReason? reason) => reason?.Value ?? ChatFinishReason.Stop.Value;

    private static void WriteHeader(Utf8JsonWriter json, string id, string type, string model, long created)
    {
        json.WriteString("id", id);
        json.WriteString("object", type);
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    private static void WriteUsage(Utf8JsonWriter json, UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.InputTokenCount ?? 0);
        json.WriteNumber("completion_tokens", usage.OutputTokenCount ?? 0);
        json.WriteNumber("total_tokens", usage.TotalTokenCount ?? (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));
        json.WriteEndObject();
    }
}
