using System.Net;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Models;

public sealed class AnthropicProviderTests
{
    private const string Key = "sk-ant-test-not-a-real-key";
    private const string Model = "claude-test";

    [Fact]
    public async Task ChatCompletions_Anthropic_SendsSystemAndMessagesInAnthropicShapeAndAnswersInOpenAIShape()
    {
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""
                {
                  "id": "msg_01", "type": "message", "role": "assistant", "model": "claude-test-20250101",
                  "content": [{ "type": "text", "text": "5월 31일까지입니다." }],
                  "stop_reason": "end_turn",
                  "usage": { "input_tokens": 20, "output_tokens": 9, "cache_read_input_tokens": 5 }
                }
                """);
        });
        var sink = new RecordingUsageSink();
        await using var hub = await StartHubAsync(fake, sink);
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));
        var request = new JsonObject
        {
            ["model"] = "jiyul-default",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are Jiyul." },
                new JsonObject { ["role"] = "user", ["content"] = "안녕하세요" },
                new JsonObject { ["role"] = "assistant", ["content"] = "무엇을 도와드릴까요?" },
                new JsonObject { ["role"] = "user", ["content"] = "종합소득세 신고 기한은?" }),
        };

        using var response = await ModelSocket.PostChatAsync(client, request);
        var received = await fake.NextRequestAsync();
        var answer = await ModelSocket.ReadJsonAsync(response);

        Assert.Equal("/v1/messages", received.Path);
        Assert.Equal(Key, received.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", received.Headers["anthropic-version"]);
        Assert.False(received.Headers.ContainsKey("Authorization"));
        var expected = JsonNode.Parse("""
            {
              "model": "claude-test",
              "max_tokens": 4096,
              "system": "You are Jiyul.",
              "messages": [
                { "role": "user", "content": [{ "type": "text", "text": "안녕하세요" }] },
                { "role": "assistant", "content": [{ "type": "text", "text": "무엇을 도와드릴까요?" }] },
                { "role": "user", "content": [{ "type": "text", "text": "종합소득세 신고 기한은?" }] }
              ]
            }
            """)!;
        Assert.True(JsonNode.DeepEquals(expected, received.Body), received.Body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", answer["object"]!.GetValue<string>());
        Assert.Equal("claude-test-20250101", answer["model"]!.GetValue<string>());
        Assert.Equal("5월 31일까지입니다.", ModelSocket.ContentOf(answer));
        Assert.Equal("stop", answer["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(25, answer["usage"]!["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(9, answer["usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.Equal(new ModelUsage(UidHash.Of("alice"), "anthropic", "claude-test-20250101", 25, 9), await sink.NextAsync());
    }

    [Fact]
    public async Task ChatCompletions_AnthropicStream_ArrivesAsOpenAIChunksWithUsage()
    {
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            string[] events =
            [
                ModelSocket.Compact("""
                    { "type": "message_start", "message": { "id": "msg_02", "type": "message", "role": "assistant",
                      "model": "claude-test", "content": [], "stop_reason": null,
                      "usage": { "input_tokens": 12, "output_tokens": 1 } } }
                    """),
                """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
                """{"type":"ping"}""",
                """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}""",
                """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}""",
                """{"type":"content_block_stop","index":0}""",
                """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}""",
                """{"type":"message_stop"}""",
            ];
            foreach (var data in events)
            {
                await FakeProvider.WriteEventAsync(context.Response, data, JsonNode.Parse(data)!["type"]!.GetValue<string>());
            }
        });
        var sink = new RecordingUsageSink();
        await using var hub = await StartHubAsync(fake, sink);
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "carol"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello", stream: true, includeUsage: true));
        using var reader = await EventReader.OpenAsync(response);
        var data = await reader.ReadToEndAsync();
        var received = await fake.NextRequestAsync();

        Assert.True(received.Body["stream"]!.GetValue<bool>());
        Assert.Equal("You are a careful assistant.", received.Body["system"]!.GetValue<string>());
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(d => JsonNode.Parse(d)!.AsObject()).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.All(chunks, c => Assert.Equal("chatcmpl-msg_02", c["id"]!.GetValue<string>()));
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("Hel", chunks[1]["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.Equal("lo", chunks[2]["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", chunks[3]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[4]["choices"]!.AsArray());
        Assert.Equal(12, chunks[4]["usage"]!["prompt_tokens"]!.GetValue<long>());
        Assert.Equal(4, chunks[4]["usage"]!["completion_tokens"]!.GetValue<long>());
        Assert.Equal(5, chunks.Count);
        Assert.Equal(new ModelUsage(UidHash.Of("carol"), "anthropic", "claude-test", 12, 4), await sink.NextAsync());
    }

    [Fact]
    public async Task ChatCompletions_AnthropicStreamError_SendsErrorEventWithoutDoneAndRecordsNothing()
    {
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await FakeProvider.WriteEventAsync(context.Response,
                ModelSocket.Compact("""
                    { "type": "message_start", "message": { "id": "msg_03", "type": "message", "role": "assistant",
                      "model": "claude-test", "content": [], "usage": { "input_tokens": 3, "output_tokens": 1 } } }
                    """),
                "message_start");
            await FakeProvider.WriteEventAsync(context.Response,
                """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", "error");
        });
        var sink = new RecordingUsageSink();
        await using var hub = await StartHubAsync(fake, sink);
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello", stream: true));
        using var reader = await EventReader.OpenAsync(response);
        var data = await reader.ReadToEndAsync();

        Assert.DoesNotContain("[DONE]", data);
        Assert.Equal("upstream_error", JsonNode.Parse(data[^1])!["error"]!["type"]!.GetValue<string>());
        Assert.False(sink.TryTake(out _));
    }

    [Fact]
    public async Task ChatCompletions_AnthropicOverloaded_Answers503()
    {
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 529;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");
        });
        await using var hub = await StartHubAsync(fake, new RecordingUsageSink());
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("provider_overloaded", (await ModelSocket.ReadJsonAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_AnthropicWithAudioPart_Answers400WithoutCallingTheProvider()
    {
        await using var fake = await FakeProvider.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        await using var hub = await StartHubAsync(fake, new RecordingUsageSink());
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));
        var request = new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_audio", ["input_audio"] = new JsonObject() }),
            }),
        };

        using var response = await ModelSocket.PostChatAsync(client, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("input_audio", (await ModelSocket.ReadJsonAsync(response))["error"]!["message"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    private static Task<TestHub> StartHubAsync(FakeProvider fake, RecordingUsageSink sink) =>
        TestHub.StartAsync(
            new Dictionary<string, string?>
            {
                ["Models:Provider"] = "anthropic",
                ["Models:Anthropic:BaseUrl"] = fake.BaseAddress.ToString(),
                ["Models:Anthropic:ApiKey"] = Key,
                ["Models:Anthropic:Model"] = Model,
            },
            services => services.AddSingleton<IModelUsageSink>(sink));
}
