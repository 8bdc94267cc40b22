using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Jiyul.Agent.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Jiyul.Agent.Tests;

/// <summary>
/// The gateway end to end: a real Kestrel on a unix socket in front, the fake model on another unix socket
/// behind, as a cell has them.
/// </summary>
public sealed class GatewayTests : IAsyncLifetime, IDisposable
{
    private const string SoulText = "I am Haneul, a careful adviser on Korean tax.";
    private const string UserMessage = """{"model":"jiyul","messages":[{"role":"user","content":"hi"}]}""";
    private const string StreamMessage = """{"stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    private readonly TempDirectory _root = new();
    private FakeModel _model = null!;
    private AgentHost _agent = null!;

    public async Task InitializeAsync()
    {
        _root.WriteFile("workspace/SOUL.md", SoulText);
        _root.WriteFile(
            "skills/vat-guide/SKILL.md",
            "---\nname: vat-guide\ndescription: Value-added tax returns.\n---\n# VAT\n");
        _model = await FakeModel.StartAsync(_root.Combine("model.sock"));
        _agent = await AgentHost.StartAsync(_root);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _model.DisposeAsync();
    }

    // xunit calls this after DisposeAsync, once both servers have let go of their sockets.
    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Readyz_WithoutToken_ReturnsOk()
    {
        using var client = _agent.CreateClient(token: null);

        using var response = await client.GetAsync("/readyz").WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Start_SocketFile_IsOpenToOwnerAndGroupOnly()
    {
        var mode = File.GetUnixFileMode(_agent.Options.GatewaySocket);

        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            mode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic Y2VsbC10b2tlbi1mb3ItdGVzdHM=")]
    [InlineData("cell-token-for-tests")]
    public async Task Models_WithoutValidToken_Returns401(string? authorization)
    {
        using var client = _agent.CreateClient(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("authentication_error", error["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_WithoutToken_Returns401AndDoesNotCallModel()
    {
        using var client = _agent.CreateClient(token: null);

        using var response = await PostChatAsync(client, UserMessage);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_model.Requests);
    }

    [Fact]
    public async Task Models_WithToken_ListsTheAssistantFirst()
    {
        using var client = _agent.CreateClient();

        using var response = await client.GetAsync("/v1/models").WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await ReadJsonAsync(response);
        Assert.Equal("list", list["object"]!.GetValue<string>());
        var first = list["data"]!.AsArray()[0]!;
        Assert.Equal("jiyul", first["id"]!.GetValue<string>());
        Assert.Equal("model", first["object"]!.GetValue<string>());
        Assert.Equal(0, first["created"]!.GetValue<long>());
        Assert.Equal("jiyul", first["owned_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_NonStream_ReturnsTheModelsAnswer()
    {
        using var client = _agent.CreateClient();

        using var response = await PostChatAsync(client, UserMessage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ReadJsonAsync(response);
        Assert.Equal("chat.completion", answer["object"]!.GetValue<string>());
        var choice = answer["choices"]![0]!;
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("안녕하세요", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_AnyRequest_SendsSystemPromptAndCellTokenToModel()
    {
        using var client = _agent.CreateClient();
        const string body = """
            {"model":"jiyul","temperature":0.2,"max_tokens":50,"user":"someone","messages":[
              {"role":"system","content":"Answer briefly."},
              {"role":"user","content":"When is the income tax return due?"}]}
            """;

        using var response = await PostChatAsync(client, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_model.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/v1/chat/completions", received.Path);
        Assert.Equal($"Bearer {AgentHost.Token}", received.Authorization);
        Assert.Equal("egress-model", received.Body["model"]!.GetValue<string>());
        Assert.Equal(0.2, received.Body["temperature"]!.GetValue<double>());
        Assert.Equal(50, (received.Body["max_completion_tokens"] ?? received.Body["max_tokens"])!.GetValue<int>());
        Assert.Equal("someone", received.Body["user"]!.GetValue<string>());
        var tools = received.Body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["search_knowledge", "read_skill_file"], tools);

        Assert.Equal(3, received.Messages.Count);
        Assert.Equal("system", received.Messages[0]!["role"]!.GetValue<string>());
        Assert.Contains(SoulText, received.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("vat-guide", received.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains(_agent.Options.Skills, received.SystemPrompt, StringComparison.Ordinal);
        Assert.Equal("Answer briefly.", received.Messages[1]!["content"]!.GetValue<string>());
        Assert.Equal("When is the income tax return due?", received.Messages[2]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_WorkspaceEditedBetweenRequests_SendsTheNewText()
    {
        using var client = _agent.CreateClient();
        using (await PostChatAsync(client, UserMessage))
        {
        }

        _root.WriteFile("workspace/SOUL.md", "I am Byeol now.");
        using (await PostChatAsync(client, UserMessage))
        {
        }

        var prompts = _model.Requests.Select(r => r.SystemPrompt).ToArray();
        Assert.Contains(SoulText, prompts[0], StringComparison.Ordinal);
        Assert.Contains("I am Byeol now.", prompts[1], StringComparison.Ordinal);
        Assert.DoesNotContain(SoulText, prompts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_Stream_RelaysEachEventBeforeTheNextIsWritten()
    {
        var firstEventRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.Respond = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await FakeModel.WriteEventAsync(context, """{"choices":[{"delta":{"content":"세금"}}]}""");

            // The second event is written only once the client holds the first: a gateway that buffered would
            // never deliver it, and the test would time out.
            await firstEventRead.Task.WaitAsync(TestTimeouts.Default);
            await FakeModel.WriteEventAsync(context, """{"choices":[{"delta":{"content":" 신고"}}]}""");
            await FakeModel.WriteEventAsync(context, "[DONE]");
        };
        using var client = _agent.CreateClient();

        using var response = await PostChatAsync(
            client,
            StreamMessage,
            HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync().WaitAsync(TestTimeouts.Default));
        var first = await ReadEventAsync(reader);
        Assert.Contains("세금", first, StringComparison.Ordinal);

        firstEventRead.SetResult();
        Assert.Contains(" 신고", await ReadEventAsync(reader), StringComparison.Ordinal);
        Assert.Equal("stop", JsonNode.Parse(await ReadEventAsync(reader))!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("[DONE]", await ReadEventAsync(reader));
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TestTimeouts.Default));
        Assert.True(Assert.Single(_model.Requests).Body["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ChatCompletions_ClientLeavesDuringStream_CancelsModelCall()
    {
        var modelSawAbort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.Respond = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await FakeModel.WriteEventAsync(context, """{"choices":[{"delta":{"content":"..."}}]}""");
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                modelSawAbort.SetResult();
            }
        };
        using var client = _agent.CreateClient();
        var response = await PostChatAsync(
            client,
            StreamMessage,
            HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync().WaitAsync(TestTimeouts.Default));
        await ReadEventAsync(reader);

        reader.Dispose();
        response.Dispose();

        await modelSawAbort.Task.WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task ChatCompletions_ModelBreaksOffStream_EndsWithAnErrorEvent()
    {
        var firstEventRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.Respond = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await FakeModel.WriteEventAsync(context, """{"choices":[{"delta":{"content":"half"}}]}""");
            await firstEventRead.Task.WaitAsync(TestTimeouts.Default);
            context.Abort();
        };
        using var client = _agent.CreateClient();

        using var response = await PostChatAsync(client, StreamMessage, HttpCompletionOption.ResponseHeadersRead);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync().WaitAsync(TestTimeouts.Default));
        Assert.Contains("half", await ReadEventAsync(reader), StringComparison.Ordinal);
        firstEventRead.SetResult();
        var error = JsonNode.Parse(await ReadEventAsync(reader))!;
        Assert.Equal("upstream_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TestTimeouts.Default));
    }

    [Theory]
    [InlineData("{\"messages\":")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"messages\":[]}")]
    [InlineData("{\"messages\":[{\"content\":\"no role\"}]}")]
    [InlineData("{\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")]
    public async Task ChatCompletions_MalformedRequest_Returns400(string body)
    {
        using var client = _agent.CreateClient();

        using var response = await PostChatAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("invalid_request_error", error["error"]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["error"]!["message"]!.GetValue<string>()));
        Assert.Empty(_model.Requests);
    }

    [Fact]
    public async Task ChatCompletions_BodyOver10MiB_Returns413()
    {
        using var client = _agent.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // Kestrel turns the body down before reading it; asking first keeps the client from sending 10 MiB for nothing.
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("invalid_request_error", error["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_ModelAnswersOpenAiError_PassesStatusAndBodyThrough()
    {
        const string modelError = """{"error":{"message":"Daily budget spent.","type":"rate_limit_error"}}""";
        _model.Respond = context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(modelError, context.RequestAborted);
        };
        using var client = _agent.CreateClient();

        using var response = await PostChatAsync(client, UserMessage);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(modelError, await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task ChatCompletions_ModelAnswersPlainError_WrapsItInOpenAiShape()
    {
        _model.Respond = context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync("provider down", context.RequestAborted);
        };
        using var client = _agent.CreateClient();

        using var response = await PostChatAsync(client, StreamMessage);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("upstream_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Contains("provider down", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ModelHangsUpBeforeAnswering_Returns502()
    {
        _model.Respond = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };
        using var client = _agent.CreateClient();

        using var response = await PostChatAsync(client, UserMessage);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("upstream_error", error["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_ModelSocketGone_Returns502()
    {
        await _model.DisposeAsync();
        File.Delete(_model.SocketPath);
        using var client = _agent.CreateClient();

        using var response = await PostChatAsync(client, UserMessage);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("model_unavailable", error["error"]!["type"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> PostChatAsync(
        HttpClient client,
        string body,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request, completion).WaitAsync(TestTimeouts.Default);
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Reads the next server-sent event and gives its data.</summary>
    private static async Task<string> ReadEventAsync(StreamReader reader)
    {
        string? data = null;
        while (await reader.ReadLineAsync().WaitAsync(TestTimeouts.Default) is { } line)
        {
            if (line.Length == 0 && data is not null)
            {
                return data;
            }

            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The stream ended before the event did.");
    }
}
