using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jiyul.Agent.Tests.Infrastructure;
using Jiyul.Agent.Tools;
using Microsoft.AspNetCore.Http;

namespace Jiyul.Agent.Tests;

/// <summary>
/// The agent's tools in a real tool round: the fake model asks for a tool, the agent runs it (searching the fake hub,
/// or reading the skills directory) and sends the result back, and the client receives only the final text.
/// </summary>
public sealed class ToolTests : IAsyncLifetime, IDisposable
{
    private const string Passage = "부가가치세 확정신고는 과세기간 종료 후 25일 이내에 한다.";

    private const string SearchAnswer = """
        {"results":[{"skill":"tax-law","file":"references/vat.md","heading":"확정신고","asOf":"2026-01-01","score":3.2,
          "text":"부가가치세 확정신고는 과세기간 종료 후 25일 이내에 한다."}]}
        """;

    private readonly TempDirectory _root = new();
    private FakeModel _model = null!;
    private AgentHost _agent = null!;

    public async Task InitializeAsync()
    {
        _root.WriteFile("workspace/SOUL.md", "I am Haneul.");
        _root.WriteFile("workspace/secret.md", "workspace-only text");
        _root.WriteFile("skills/vat-guide/SKILL.md", "---\nname: vat-guide\ndescription: VAT returns.\n---\n# VAT guide body\n");
        _model = await FakeModel.StartAsync(_root.Combine("model.sock"));
        _agent = await AgentHost.StartAsync(_root);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _model.DisposeAsync();
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Search_ModelCallsTheTool_AgentSearchesTheHubAndSendsThePassagesBack()
    {
        _model.RespondToSearch = context => WriteJsonAsync(context, SearchAnswer);
        _model.Respond = FakeModel.ToolThenText("search_knowledge", """{"query":"부가세 확정신고","k":3}""", "25일 이내입니다.");
        using var client = _agent.CreateClient();

        using var response = await PostAsync(client, """{"messages":[{"role":"user","content":"부가세 신고 기한?"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default))!;
        Assert.Equal("25일 이내입니다.", answer["choices"]![0]!["message"]!["content"]!.GetValue<string>());

        var search = Assert.Single(_model.Searches);
        Assert.StartsWith("/v1/knowledge/search?q=", search.Path, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("부가세 확정신고"), search.Path, StringComparison.Ordinal);
        Assert.EndsWith("&k=3", search.Path, StringComparison.Ordinal);
        Assert.Equal($"Bearer {AgentHost.Token}", search.Authorization);

        var second = _model.Chats[1];
        var toolMessage = second.Messages.Single(m => m!["role"]!.GetValue<string>() == "tool")!;
        var result = toolMessage["content"]!.ToString();
        Assert.Contains(Passage, result, StringComparison.Ordinal);
        Assert.Contains("tax-law/references/vat.md", result, StringComparison.Ordinal);
        Assert.Contains("2026-01-01", result, StringComparison.Ordinal);
        Assert.Contains(second.Messages, m => m!["role"]!.GetValue<string>() == "assistant" && m["tool_calls"] is JsonArray);
    }

    [Fact]
    public async Task Search_Streamed_ClientReceivesOnlyTheTextAfterTheToolRound()
    {
        _model.RespondToSearch = context => WriteJsonAsync(context, SearchAnswer);
        var round = 0;
        _model.Respond = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            if (Interlocked.Increment(ref round) == 1)
            {
                await FakeModel.WriteEventAsync(context, """
                    {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant",
                    "tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"search_knowledge","arguments":""}}]},
                    "finish_reason":null}]}
                    """.ReplaceLineEndings(""));
                await FakeModel.WriteEventAsync(context, """
                    {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{
                    "tool_calls":[{"index":0,"function":{"arguments":"{\"query\":\"VAT\"}"}}]},"finish_reason":null}]}
                    """.ReplaceLineEndings(""));
                await FakeModel.WriteEventAsync(context,
                    """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");
            }
            else
            {
                await FakeModel.WriteEventAsync(context,
                    """{"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"기한은 "},"finish_reason":null}]}""");
                await FakeModel.WriteEventAsync(context,
                    """{"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"25일"},"finish_reason":"stop"}]}""");
            }

            await FakeModel.WriteEventAsync(context, "[DONE]");
        };
        using var client = _agent.CreateClient();

        using var response = await PostAsync(client, """{"stream":true,"messages":[{"role":"user","content":"VAT?"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = ReadEvents(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        var text = string.Concat(chunks.Select(c => c["choices"]![0]!["delta"]!["content"]?.GetValue<string>()));
        Assert.Equal("기한은 25일", text);
        Assert.DoesNotContain(chunks, c => c["choices"]![0]!["delta"]!["tool_calls"] is not null);
        Assert.Equal("stop", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Single(_model.Searches);
        Assert.Contains(Passage, _model.Chats[1].Messages.Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_HubFails_TheModelIsToldAndTheAnswerStillComes()
    {
        _model.RespondToSearch = context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };
        _model.Respond = FakeModel.ToolThenText("search_knowledge", """{"query":"VAT"}""", "I could not search.");
        using var client = _agent.CreateClient();

        using var response = await PostAsync(client, """{"messages":[{"role":"user","content":"VAT?"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tool = _model.Chats[1].Messages.Single(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Contains("cannot be searched", tool["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSkillFile_ModelCallsTheTool_GetsTheFileText()
    {
        _model.Respond = FakeModel.ToolThenText("read_skill_file", """{"path":"vat-guide/SKILL.md"}""", "done");
        using var client = _agent.CreateClient();

        using var response = await PostAsync(client, """{"messages":[{"role":"user","content":"read it"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tool = _model.Chats[1].Messages.Single(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Contains("# VAT guide body", tool["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../workspace/secret.md")]
    [InlineData("vat-guide/../../workspace/secret.md")]
    [InlineData("/etc/passwd")]
    [InlineData("link-out/secret.md")]
    public async Task ReadSkillFile_PathOutsideTheSkills_IsRefusedWithAReasonAndNothingLeaks(string path)
    {
        Directory.CreateSymbolicLink(_root.Combine("skills/link-out"), _root.Combine("workspace"));
        _model.Respond = FakeModel.ToolThenText("read_skill_file", new JsonObject { ["path"] = path }.ToJsonString(), "done");
        using var client = _agent.CreateClient();

        using var response = await PostAsync(client, """{"messages":[{"role":"user","content":"read it"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = _model.Chats[1].Messages.Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString();
        Assert.Contains("Error", result, StringComparison.Ordinal);
        Assert.DoesNotContain("workspace-only text", result, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSkillFile_Resolve_AcceptsRelativeAndFullPathsInsideOnly()
    {
        var tool = new ReadSkillFileTool(_agent.Options);
        var inside = Path.Combine(_agent.Options.Skills, "vat-guide", "SKILL.md");

        Assert.Equal(inside, tool.Resolve("vat-guide/SKILL.md"));
        Assert.Equal(inside, tool.Resolve(inside));
        Assert.Equal(inside, tool.Resolve("vat-guide/./x/../SKILL.md"));
        Assert.Null(tool.Resolve("vat-guide"));
        Assert.Null(tool.Resolve(".."));
        Assert.Null(tool.Resolve(_agent.Options.Skills + "-other/x.md"));
    }

    [Fact]
    public async Task ClientTools_AreRefusedWithAReason()
    {
        using var client = _agent.CreateClient();

        using var response = await PostAsync(client, """
            {"tools":[{"type":"function","function":{"name":"x","parameters":{}}}],"messages":[{"role":"user","content":"hi"}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default))!;
        Assert.Contains("tools", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_model.Chats);
    }

    private static Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync("/v1/chat/completions", content).WaitAsync(TestTimeouts.Default);
    }

    private static List<string> ReadEvents(string stream) =>
        [.. stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => e.StartsWith("data: ", StringComparison.Ordinal))
            .Select(e => e["data: ".Length..])];
}
