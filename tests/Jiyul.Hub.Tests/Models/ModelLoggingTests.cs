using System.Net;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jiyul.Hub.Tests.Models;

public sealed class ModelLoggingTests
{
    [Fact]
    public async Task Logs_AtTraceLevel_NeverHoldKeyTokenOrMessageContent()
    {
        const string key = "sk-test-must-never-be-logged";
        const string question = "marker-content-7f3a never logged";
        await using var fake = await FakeProvider.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await FakeProvider.WriteEventAsync(context.Response,
                ModelSocket.Compact("""
                    { "id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                      "choices": [{ "index": 0, "delta": { "content": "marker-answer-9c1d" }, "finish_reason": null }] }
                    """));
            await FakeProvider.WriteEventAsync(context.Response, "[DONE]");
        });
        var logs = new CapturingLoggerProvider();
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Models:Provider"] = "openai",
                ["Models:OpenAI:BaseUrl"] = new Uri(fake.BaseAddress, "v1").ToString(),
                ["Models:OpenAI:ApiKey"] = key,
            },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var token = ModelSocket.TokenFor(hub, "alice");
        using var client = ModelSocket.Connect(hub, token);

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(question, stream: true));
        var body = await response.Content.ReadAsStringAsync().WaitAsync(ModelSocket.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("marker-answer-9c1d", body, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Contains("[3020]", StringComparison.Ordinal));

        // The upstream call's headers are logged at trace level, so the search below has the key's header to look at.
        Assert.Contains(logs.Entries, e => e.Contains("Authorization: *", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains("marker-", StringComparison.Ordinal));
    }
}
