using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jiyul.Hub.Models.Anthropic;

/// <summary>
/// Turns an OpenAI chat completion request into an Anthropic Messages request: system and developer messages
/// become <c>system</c>, tool calls become <c>tool_use</c> blocks and tool messages <c>tool_result</c> blocks, and
/// consecutive turns of one role are merged, because Anthropic wants the results of parallel tool calls in one
/// user turn. What has no counterpart (audio, files, legacy function messages) is refused with a reason rather
/// than silently dropped.
/// </summary>
internal static class AnthropicRequestTranslator
{
    public static bool TryTranslate(
        ChatRequest request,
        AnthropicProviderOptions options,
        [NotNullWhen(true)] out JsonObject? translated,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        translated = null;

        var system = new List<string>();
        var messages = new JsonArray();
        foreach (var node in request.Messages)
        {
            if (!TryAddMessage(node!.AsObject(), system, messages, out error))
            {
                return false;
            }
        }

        if (messages.Count == 0)
        {
            error = "The request needs at least one user or assistant message.";
            return false;
        }

        var body = request.Body;
        if (!TryMaxTokens(body, options.DefaultMaxTokens, out var maxTokens, out error))
        {
            return false;
        }

        translated = new JsonObject { ["model"] = options.Model, ["max_tokens"] = maxTokens };
        if (system.Count > 0)
        {
            translated["system"] = string.Join("\n\n", system);
        }

        translated["messages"] = messages;
        if (request.Stream)
        {
            translated["stream"] = true;
        }

        CopySampling(body, translated);
        return TryTools(body, translated, out error);
    }

    private static bool TryAddMessage(
        JsonObject message,
        List<string> system,
        JsonArray messages,
        [NotNullWhen(false)] out string? error)
    {
        var role = ChatRequest.RoleOf(message);
        var blocks = new JsonArray();
        error = null;
        switch (role)
        {
            case "system" or "developer":
                if (ChatRequest.TextOf(message["content"]) is { Length: > 0 } text)
                {
                    system.Add(text);
                }

                return true;

            case "user":
                if (!TryContent(message["content"], blocks, out error))
                {
                    return false;
                }

                Append(messages, "user", blocks);
                return true;

            case "assistant":
                if (!TryContent(message["content"], blocks, out error) ||
                    !TryToolCalls(message["tool_calls"], blocks, out error))
                {
                    return false;
                }

                Append(messages, "assistant", blocks);
                return true;

            case "tool":
                if (AnthropicShapes.StringOf(message["tool_call_id"]) is not { } toolCallId)
                {
                    error = "A tool message needs a string 'tool_call_id'.";
                    return false;
                }

                blocks.Add(new JsonObject
                {
                    ["type"] = "tool_result",
                    ["tool_use_id"] = toolCallId,
                    ["content"] = ChatRequest.TextOf(message["content"]),
                });
                Append(messages, "user", blocks);
                return true;

            default:
                error = $"Messages with role '{role}' cannot be sent to the anthropic provider.";
                return false;
        }
    }

    private static void Append(JsonArray messages, string role, JsonArray blocks)
    {
        // Anthropic refuses empty turns; an assistant message with neither text nor tool calls says nothing anyway.
        if (blocks.Count == 0)
        {
            return;
        }

        if (messages.Count > 0 && messages[^1]!["role"]!.GetValue<string>() == role)
        {
            var content = messages[^1]!["content"]!.AsArray();
            foreach (var block in blocks.ToList())
            {
                blocks.Remove(block);
                content.Add(block);
            }

            return;
        }

        messages.Add(new JsonObject { ["role"] = role, ["content"] = blocks });
    }

    private static bool TryContent(JsonNode? content, JsonArray blocks, [NotNullWhen(false)] out string? error)
    {
        error = null;
        switch (content?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return true;

            case JsonValueKind.String:
                AddText(blocks, content.GetValue<string>());
                return true;

            case JsonValueKind.Array:
                foreach (var part in content.AsArray())
                {
                    if (!TryPart(part, blocks, out error))
                    {
                        return false;
                    }
                }

                return true;

            default:
                error = "A message's 'content' must be a string or an array of parts.";
                return false;
        }
    }

    private static bool TryPart(JsonNode? part, JsonArray blocks, [NotNullWhen(false)] out string? error)
    {
        error = null;
        var type = AnthropicShapes.StringOf(part?["type"]);
        switch (type)
        {
            case "text" when AnthropicShapes.StringOf(part!["text"]) is { } text:
                AddText(blocks, text);
                return true;

            case "image_url" when ImageUrlOf(part!["image_url"]) is { } url:
                blocks.Add(new JsonObject { ["type"] = "image", ["source"] = ImageSource(url) });
                return true;

            default:
                error = $"Content parts of type '{type ?? "(none)"}' cannot be sent to the anthropic provider.";
                return false;
        }
    }

    private static void AddText(JsonArray blocks, string text)
    {
        // Anthropic rejects empty text blocks, which OpenAI clients send freely (a turn that only calls tools).
        if (text.Length > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        }
    }

    // OpenAI accepts the URL itself or an object holding it (with a detail level Anthropic has no use for).
    private static string? ImageUrlOf(JsonNode? imageUrl) =>
        AnthropicShapes.StringOf(imageUrl) ?? (imageUrl is JsonObject ? AnthropicShapes.StringOf(imageUrl["url"]) : null);

    private static JsonObject ImageSource(string url)
    {
        // data:image/png;base64,AAAA — the only inline form OpenAI clients send.
        const string marker = ";base64,";
        var comma = url.IndexOf(marker, StringComparison.Ordinal);
        if (url.StartsWith("data:", StringComparison.Ordinal) && comma > 5)
        {
            return new JsonObject
            {
                ["type"] = "base64",
                ["media_type"] = url[5..comma],
                ["data"] = url[(comma + marker.Length)..],
            };
        }

        return new JsonObject { ["type"] = "url", ["url"] = url };
    }

    private static bool TryToolCalls(JsonNode? toolCalls, JsonArray blocks, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (toolCalls is null || toolCalls.GetValueKind() == JsonValueKind.Null)
        {
            return true;
        }

        if (toolCalls is not JsonArray calls)
        {
            error = "'tool_calls' must be an array.";
            return false;
        }

        foreach (var call in calls)
        {
            var function = call?["function"] as JsonObject;
            if (AnthropicShapes.StringOf(call?["id"]) is not { } id || AnthropicShapes.StringOf(function?["name"]) is not { } name)
            {
                error = "Every tool call needs a string 'id' and a 'function' with a string 'name'.";
                return false;
            }

            if (!TryArguments(function!["arguments"], out var input))
            {
                error = "A tool call's 'arguments' must be a JSON object written as a string.";
                return false;
            }

            blocks.Add(new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = input });
        }

        return true;
    }

    private static bool TryArguments(JsonNode? arguments, [NotNullWhen(true)] out JsonObject? input)
    {
        input = null;
        var text = AnthropicShapes.StringOf(arguments);
        if (string.IsNullOrWhiteSpace(text))
        {
            input = [];
            return true;
        }

        try
        {
            input = JsonNode.Parse(text) as JsonObject;
            return input is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryMaxTokens(
        JsonObject body,
        int fallback,
        out int maxTokens,
        [NotNullWhen(false)] out string? error)
    {
        error = null;
        maxTokens = fallback;
        var given = body["max_completion_tokens"] ?? body["max_tokens"];
        if (given is null || given.GetValueKind() == JsonValueKind.Null)
        {
            return true;
        }

        if (given is JsonValue number && number.TryGetValue<int>(out var value) && value > 0)
        {
            maxTokens = value;
            return true;
        }

        error = "'max_tokens' and 'max_completion_tokens' must be positive integers.";
        return false;
    }

    private static void CopySampling(JsonObject body, JsonObject translated)
    {
        // OpenAI's temperature runs to 2, Anthropic's to 1: anything hotter is sent as the hottest Anthropic allows.
        if (body["temperature"]?.GetValueKind() == JsonValueKind.Number)
        {
            translated["temperature"] = Math.Min(body["temperature"]!.GetValue<double>(), 1.0);
        }

        if (body["top_p"]?.GetValueKind() == JsonValueKind.Number)
        {
            translated["top_p"] = body["top_p"]!.GetValue<double>();
        }

        var stop = body["stop"];
        if (stop?.GetValueKind() == JsonValueKind.String)
        {
            translated["stop_sequences"] = new JsonArray(stop.GetValue<string>());
        }
        else if (stop is JsonArray sequences)
        {
            translated["stop_sequences"] = new JsonArray([.. sequences
                .Where(s => s?.GetValueKind() == JsonValueKind.String)
                .Select(s => (JsonNode)s!.GetValue<string>())]);
        }
    }

    private static bool TryTools(JsonObject body, JsonObject translated, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (body["tools"] is not JsonArray { Count: > 0 } tools)
        {
            return true;
        }

        var list = new JsonArray();
        foreach (var tool in tools)
        {
            var function = tool?["function"] as JsonObject;
            if (AnthropicShapes.StringOf(tool?["type"]) != "function" || AnthropicShapes.StringOf(function?["name"]) is not { } name)
            {
                error = "Only tools of type 'function' with a string 'name' can be sent to the anthropic provider.";
                return false;
            }

            // Anthropic requires a schema; a function without parameters takes an empty object.
            var schema = function!["parameters"] as JsonObject;
            var translatedTool = new JsonObject
            {
                ["name"] = name,
                ["input_schema"] = schema?.DeepClone() ?? new JsonObject { ["type"] = "object" },
            };
            if (AnthropicShapes.StringOf(function["description"]) is { } description)
            {
                translatedTool["description"] = description;
            }

            list.Add(translatedTool);
        }

        translated["tools"] = list;
        if (ToolChoice(body["tool_choice"]) is { } choice)
        {
            var parallel = body["parallel_tool_calls"]?.GetValueKind() != JsonValueKind.False;
            if (!parallel && AnthropicShapes.StringOf(choice["type"]) != "none")
            {
                choice["disable_parallel_tool_use"] = true;
            }

            translated["tool_choice"] = choice;
        }

        return true;
    }

    private static JsonObject? ToolChoice(JsonNode? choice) => choice?.GetValueKind() switch
    {
        JsonValueKind.String => choice.GetValue<string>() switch
        {
            "required" => new JsonObject { ["type"] = "any" },
            "none" => new JsonObject { ["type"] = "none" },
            _ => new JsonObject { ["type"] = "auto" },
        },
        JsonValueKind.Object when AnthropicShapes.StringOf(choice["function"]?["name"]) is { } name =>
            new JsonObject { ["type"] = "tool", ["name"] = name },
        _ => new JsonObject { ["type"] = "auto" },
    };
}
