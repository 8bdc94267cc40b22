using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Proxy;

public sealed class ProxyTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Models_ThroughProxy_ListsTheDefaultAssistantFirst()
    {
        await using var hub = await TestHub.StartAsync();
        var (client, uid) = await hub.SignUpAsync();

        var models = await client.GetFromJsonAsync<JsonElement>($"/proxy/{uid}/v1/models").WaitAsync(s_timeout);

        Assert.Equal("jiyul", models.GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Proxy_AnotherUsersCell_Is403AndWithoutToken401()
    {
        await using var hub = await TestHub.StartAsync();
        var (alice, aliceUid) = await hub.SignUpAsync();
        var (bob, _) = await hub.SignUpAsync();

        var asBob = await bob.GetAsync($"/proxy/{aliceUid}/v1/models").WaitAsync(s_timeout);
        var anonymous = await hub.Client.GetAsync($"/proxy/{aliceUid}/v1/models").WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Forbidden, asBob.StatusCode);
        Assert.Equal("application/problem+json", asBob.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await new TestDocker().ListAsync(hub.Instance));
        Assert.NotNull(alice);
    }

    [Fact]
    public async Task Proxy_BodyOverLimit_Is413()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Proxy:MaxRequestBodyBytes"] = "1024" });
        var (client, uid) = await hub.SignUpAsync();
        var body = new StringContent(new string('x', 4096), Encoding.UTF8, "application/json");

        var answer = await client.PostAsync($"/proxy/{uid}/v1/chat/completions", body).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Chat_ThroughProxy_AnswersPlainAndStreamed()
    {
        await using var hub = await TestHub.StartAsync();
        var (client, uid) = await hub.SignUpAsync();
        var question = new { role = "user", content = "종합소득세 신고 기한은 언제인가요?" };

        var plain = await client.PostAsJsonAsync($"/proxy/{uid}/v1/chat/completions",
            new { model = "jiyul", messages = new[] { question } }).WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var completion = await plain.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        var answer = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.Contains("5월", answer);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/proxy/{uid}/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "jiyul", stream = true, messages = new[] { question } }),
        };
        using var streamed = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType?.MediaType);

        var events = await ReadEventsAsync(streamed).WaitAsync(s_timeout);
        Assert.True(events.Count > 2, $"expected several chunks, got {events.Count}");
        Assert.Equal("[DONE]", events[^1]);
        var text = string.Concat(events[..^1].Select(DeltaText));
        Assert.Equal(answer, text);
    }

    [Fact]
    public async Task Proxy_StoppedCell_IsStartedAndTheRequestHeldUntilReady()
    {
        await using var hub = await TestHub.StartAsync();
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();
        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        await docker.Client.Containers.StopContainerAsync(TestDocker.NameOf(uid), new()).WaitAsync(s_timeout);

        var models = await client.GetAsync($"/proxy/{uid}/v1/models").WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.True((await docker.InspectAsync(uid)).State.Running);
    }

    [Fact]
    public async Task Register_MalformedJson_Is400ProblemDetails()
    {
        await using var hub = await TestHub.StartAsync();

        var answer = await hub.Client.PostAsync("/api/auth/register",
            new StringContent("{\"email\": \"a@b.test\", ", Encoding.UTF8, "application/json")).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    private static string? DeltaText(string data)
    {
        var choices = JsonDocument.Parse(data).RootElement.GetProperty("choices");
        return choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var part)
            ? part.GetString()
            : "";
    }

    private static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                events.Add(line["data:".Length..].Trim());
            }
        }

        return events;
    }
}
