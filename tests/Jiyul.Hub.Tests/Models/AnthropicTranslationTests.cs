using System.Text.Json.Nodes;
using Jiyul.Hub.Models;
using Jiyul.Hub.Models.Anthropic;

namespace Jiyul.Hub.Tests.Models;

public sealed class AnthropicTranslationTests
{
    [Fact]
    public void TryTranslate_ToolCallsAndResults_BecomeToolUseAndMergedToolResultBlocks()
    {
        var request = Request("""
            {
              "model": "jiyul-default",
              "max_tokens": 300,
              "temperature": 1.5,
              "stop": "END",
              "parallel_tool_calls": false,
              "tool_choice": "required",
              "tools": [{ "type": "function", "function": { "name": "search", "description": "Search the pack.",
                          "parameters": { "type": "object", "properties": { "q": { "type": "string" } } } } }],
              "messages": [
                { "role": "developer", "content": "Cite sources." },
                { "role": "user", "content": [{ "type": "text", "text": "VAT?" },
                                              { "type": "image_url", "image_url": { "url": "data:image/png;base64,AAAA" } }] },
                { "role": "assistant", "content": "", "tool_calls": [
                    { "id": "call_1", "type": "function", "function": { "name": "search", "arguments": "{\"q\":\"vat\"}" } },
                    { "id": "call_2", "type": "function", "function": { "name": "search", "arguments": "" } }] },
                { "role": "tool", "tool_call_id": "call_1", "content": "10 percent" },
                { "role": "tool", "tool_call_id": "call_2", "content": [{ "type": "text", "text": "none" }] }
              ]
            }
            """);

        var options = new AnthropicProviderOptions { Model = "claude-x" };
        Assert.True(AnthropicRequestTranslator.TryTranslate(request, options, out var body, out _));

        var expected = JsonNode.Parse("""
            {
              "model": "claude-x",
              "max_tokens": 300,
              "system": "Cite sources.",
              "messages": [
                { "role": "user", "content": [
                    { "type": "text", "text": "VAT?" },
                    { "type": "image", "source": { "type": "base64", "media_type": "image/png", "data": "AAAA" } }] },
                { "role": "assistant", "content": [
                    { "type": "tool_use", "id": "call_1", "name": "search", "input": { "q": "vat" } },
                    { "type": "tool_use", "id": "call_2", "name": "search", "input": {} }] },
                { "role": "user", "content": [
                    { "type": "tool_result", "tool_use_id": "call_1", "content": "10 percent" },
                    { "type": "tool_result", "tool_use_id": "call_2", "content": "none" }] }
              ],
              "temperature": 1.0,
              "stop_sequences": ["END"],
              "tools": [{ "name": "search",
                          "input_schema": { "type": "object", "properties": { "q": { "type": "string" } } },
                          "description": "Search the pack." }],
              "tool_choice": { "type": "any", "disable_parallel_tool_use": true }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void TryTranslate_ToolArgumentsNotJson_Fails()
    {
        var request = Request("""
            { "messages": [{ "role": "assistant", "tool_calls": [
                { "id": "c", "type": "function", "function": { "name": "f", "arguments": "{oops" } }] }] }
            """);

        Assert.False(AnthropicRequestTranslator.TryTranslate(request, new AnthropicProviderOptions(), out _, out var error));
        Assert.Contains("arguments", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_ToolUseStream_BecomesIndexedToolCallDeltas()
    {
        var translator = new AnthropicStreamTranslator(includeUsage: false, "claude-x", created: 42);
        (string Type, string Data)[] events =
        [
            ("message_start", """{"message":{"id":"msg_9","model":"claude-x","usage":{"input_tokens":7,"output_tokens":1}}}"""),
            ("content_block_start", """{"index":0,"content_block":{"type":"text","text":""}}"""),
            ("content_block_delta", """{"index":0,"delta":{"type":"text_delta","text":"Looking."}}"""),
            ("content_block_start", """{"index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"search","input":{}}}"""),
            ("content_block_delta", """{"index":1,"delta":{"type":"input_json_delta","partial_json":"{\"q\":"}}"""),
            ("content_block_delta", """{"index":1,"delta":{"type":"input_json_delta","partial_json":"\"vat\"}"}}"""),
            ("message_delta", """{"delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":15}}"""),
            ("message_stop", "{}"),
        ];

        var chunks = events.SelectMany(e => translator.Accept(e.Type, JsonNode.Parse(e.Data)!.AsObject())).ToList();

        var deltas = chunks.Select(c => c["choices"]![0]!["delta"]!.ToJsonString()).ToList();
        Assert.Equal(
            [
                """{"role":"assistant","content":""}""",
                """{"content":"Looking."}""",
                """{"tool_calls":[{"index":0,"id":"toolu_1","type":"function","function":{"name":"search","arguments":""}}]}""",
                """{"tool_calls":[{"index":0,"function":{"arguments":"{\u0022q\u0022:"}}]}""",
                """{"tool_calls":[{"index":0,"function":{"arguments":"\u0022vat\u0022}"}}]}""",
                "{}",
            ],
            deltas);
        Assert.Equal("tool_calls", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.All(chunks, c => Assert.Equal(42, c["created"]!.GetValue<long>()));
        Assert.True(translator.IsComplete);
        Assert.Equal((7L, 15L), (translator.InputTokens, translator.OutputTokens));
    }

    [Fact]
    public void TryTranslate_MessageWithToolUse_BecomesCompletionWithToolCalls()
    {
        var answer = JsonNode.Parse("""
            { "id": "msg_1", "type": "message", "model": "claude-x", "stop_reason": "tool_use",
              "content": [{ "type": "tool_use", "id": "toolu_1", "name": "search", "input": { "q": "vat" } }],
              "usage": { "input_tokens": 3, "output_tokens": 4, "cache_creation_input_tokens": 2 } }
            """);

        Assert.True(AnthropicResponseTranslator.TryTranslate(answer, 42, out var completion, out var input, out var output));

        var message = completion["choices"]![0]!["message"]!;
        Assert.Null(message["content"]);
        Assert.Equal("toolu_1", message["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("""{"q":"vat"}""", message["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("tool_calls", completion["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal((5L, 4L), (input, output));
    }

    private static ChatRequest Request(string json)
    {
        Assert.True(ChatRequest.TryCreate(JsonNode.Parse(json), out var request, out var error), error);
        return request;
    }
}
