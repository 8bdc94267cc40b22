using System.Net;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Models;

public sealed class OpenAIProviderTests
{
    private const string Key = "sk-test-not-a-real-key";
    private const string Model = "gpt-test-mini";

    [Fact]
    public async Task ChatCompletions_OpenAI_SendsKeyAndModelAndPassesTheRestThrough()
    {
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""
                {
                  "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-test-mini-2025",
                  "choices": [{ "index": 0, "message": { "role": "assistant", "content": "Hi." }, "finish_reason": "stop" }],
                  "usage": { "prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18 }
                }
                """);
        });
        var sink = new RecordingUsageSink();
        await using var hub = await StartHubAsync(fake, sink);
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));
        var request = ModelSocket.Chat("hello");
        request["tools"] = new JsonArray(new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = "lookup", ["parameters"] = new JsonObject { ["type"] = "object" } },
        });
        request["temperature"] = 0.25;

        using var response = await ModelSocket.PostChatAsync(client, request);
        var received = await fake.NextRequestAsync();
        var answer = await ModelSocket.ReadJsonAsync(response);

        Assert.Equal("/v1/chat/completions", received.Path);
        Assert.Equal($"Bearer {Key}", received.Headers["Authorization"]);
        Assert.Equal(Model, received.Body["model"]!.GetValue<string>());
        Assert.Equal(request["messages"]!.ToJsonString(), received.Body["messages"]!.ToJsonString());
        Assert.Equal(request["tools"]!.ToJsonString(), received.Body["tools"]!.ToJsonString());
        Assert.Equal(0.25, received.Body["temperature"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hi.", ModelSocket.ContentOf(answer));
        Assert.Equal(new ModelUsage(UidHash.Of("alice"), "openai", "gpt-test-mini-2025", 11, 7), await sink.NextAsync());
    }

    [Fact]
    public async Task ChatCompletions_OpenAIStream_RelaysEachChunkBeforeTheNextExists()
    {
        var firstRelayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await FakeProvider.WriteEventAsync(context.Response, Chunk("""{"role":"assistant","content":"Hel"}"""));

            // The rest is written only once the cell has the first chunk: a relay that buffered would never get it.
            await firstRelayed.Task.WaitAsync(ModelSocket.Timeout);
            await FakeProvider.WriteEventAsync(context.Response, Chunk("""{"content":"lo"}"""));
            await FakeProvider.WriteEventAsync(context.Response, UsageChunk);
            await FakeProvider.WriteEventAsync(context.Response, "[DONE]");
        });
        var sink = new RecordingUsageSink();
        await using var hub = await StartHubAsync(fake, sink);
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "bob"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello", stream: true));
        using var events = await EventReader.OpenAsync(response);
        var first = await events.NextAsync();
        firstRelayed.SetResult();
        var rest = await events.ReadToEndAsync();
        var received = await fake.NextRequestAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Chunk("""{"role":"assistant","content":"Hel"}"""), first);
        Assert.Equal([Chunk("""{"content":"lo"}"""), "[DONE]"], rest);
        Assert.True(received.Body["stream"]!.GetValue<bool>());
        Assert.True(received.Body["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal(new ModelUsage(UidHash.Of("bob"), "openai", "gpt-test-mini", 5, 2), await sink.NextAsync());
    }

    [Fact]
    public async Task ChatCompletions_OpenAIStreamWithUsageAsked_RelaysUsageChunk()
    {
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await FakeProvider.WriteEventAsync(context.Response, Chunk("""{"content":"Hi"}"""));
            await FakeProvider.WriteEventAsync(context.Response, UsageChunk);
            await FakeProvider.WriteEventAsync(context.Response, "[DONE]");
        });
        await using var hub = await StartHubAsync(fake, new RecordingUsageSink());
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "bob"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello", stream: true, includeUsage: true));
        using var events = await EventReader.OpenAsync(response);

        Assert.Equal([Chunk("""{"content":"Hi"}"""), UsageChunk, "[DONE]"], await events.ReadToEndAsync());
    }

    [Fact]
    public async Task ChatCompletions_OpenAIRejectsTheHubsKey_Answers502AndRecordsNothing()
    {
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                """{"error":{"message":"Incorrect API key provided: sk-te***key","type":"invalid_request_error"}}""");
        });
        var sink = new RecordingUsageSink();
        await using var hub = await StartHubAsync(fake, sink);
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello"));
        var body = await response.Content.ReadAsStringAsync().WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());
        Assert.DoesNotContain("sk-te", body, StringComparison.Ordinal);
        Assert.False(sink.TryTake(out _));
    }

    [Fact]
    public async Task ChatCompletions_OpenAIRateLimited_Answers429WithRetryAfter()
    {
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "7";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":{"message":"Slow down.","type":"requests"}}""");
        });
        await using var hub = await StartHubAsync(fake, new RecordingUsageSink());
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("hello"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", response.Headers.RetryAfter?.ToString());
        Assert.Equal("Slow down.", (await ModelSocket.ReadJsonAsync(response))["error"]!["message"]!.GetValue<string>());
    }

    private static readonly string UsageChunk = ModelSocket.Compact("""
        { "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-test-mini", "choices": [],
          "usage": { "prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7 } }
        """);

    private static string Chunk(string delta) => ModelSocket.Compact($$"""
        { "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-test-mini",
          "choices": [{ "index": 0, "delta": {{delta}}, "finish_reason": null }] }
        """);

    private static Task<TestHub> StartHubAsync(FakeProvider fake, RecordingUsageSink sink) =>
        TestHub.StartAsync(
            new Dictionary<string, string?>
            {
                ["Models:Provider"] = "openai",
                ["Models:OpenAI:BaseUrl"] = new Uri(fake.BaseAddress, "v1").ToString(),
                ["Models:OpenAI:ApiKey"] = Key,
                ["Models:OpenAI:Model"] = Model,
            },
            services => services.AddSingleton<IModelUsageSink>(sink));
}
