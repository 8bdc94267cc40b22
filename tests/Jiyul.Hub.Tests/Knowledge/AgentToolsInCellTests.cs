using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jiyul.Hub.Tests.Infrastructure;
using Jiyul.Hub.Tests.Models;
using Microsoft.AspNetCore.Http;

namespace Jiyul.Hub.Tests.Knowledge;

/// <summary>
/// The lean agent's tools in a real cell: a model (a fake OpenAI-compatible provider behind the hub's egress) asks
/// for a knowledge search and a skill file about a passage added to the pack after the cell started. The search runs
/// in the hub (over the model socket), the file is read in the cell from its read-only mount; both see the edit.
/// </summary>
public sealed class AgentToolsInCellTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _pack = Directory.CreateTempSubdirectory("jiyul-pack-").FullName;

    public AgentToolsInCellTests() => CopyDirectory(RepositoryRoot.Combine("packs", "legal-tax-ko"), _pack);

    public void Dispose() => Directory.Delete(_pack, recursive: true);

    [Fact]
    public async Task Cell_PackEditedAfterStart_ToolsFindAndReadTheNewPassage()
    {
        var word = "quillmoor" + Guid.NewGuid().ToString("N")[..6];
        var round = 0;
        await using var provider = await FakeProvider.StartAsync((context, _) =>
            Interlocked.Increment(ref round) == 1 ? CallBothToolsAsync(context.Response, word) : AnswerAsync(context.Response));
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Hub:PackDirectory"] = _pack,
            ["Models:Provider"] = "openai",
            ["Models:OpenAI:BaseUrl"] = new Uri(provider.BaseAddress, "v1").ToString(),
            ["Models:OpenAI:ApiKey"] = "sk-test",
            ["Models:OpenAI:Model"] = "fake-model",
        });
        var (client, uid) = await hub.SignUpAsync();
        using (var ensure = await client.PostAsync("/ensure", null).WaitAsync(Timeout))
        {
            Assert.Equal(HttpStatusCode.OK, ensure.StatusCode);
        }

        // The operator edits the pack on the host while the cell runs.
        await File.WriteAllTextAsync(Path.Combine(_pack, "skills", "tax-law", "references", "hot.md"),
            "---\ntitle: Hot\nas_of: 2026-12-01\nsources:\n  - 국세기본법 제1조 (https://www.law.go.kr/법령/국세기본법/제1조)\n---\n\n" +
            $"## Added while the cell ran\n\nThe {word} rule applies from 2026-12-01.\n");
        await WaitUntilSearchFindsAsync(client, word);

        using var chat = await client.PostAsJsonAsync($"/proxy/{uid}/v1/chat/completions",
            new { messages = new[] { new { role = "user", content = $"What is the {word} rule?" } } }).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var answer = await chat.Content.ReadFromJsonAsync<JsonObject>().WaitAsync(Timeout);
        Assert.Equal("done", answer!["choices"]![0]!["message"]!["content"]!.GetValue<string>());

        await provider.NextRequestAsync();
        var second = await provider.NextRequestAsync();
        var results = second.Body["messages"]!.AsArray()
            .Where(m => m!["role"]!.GetValue<string>() == "tool")
            .Select(m => m!["content"]!.ToString())
            .ToList();
        Assert.Equal(2, results.Count);
        Assert.Contains("tax-law/references/hot.md", results[0], StringComparison.Ordinal);
        Assert.Contains($"The {word} rule applies", results[0], StringComparison.Ordinal);
        Assert.Contains("2026-12-01", results[0], StringComparison.Ordinal);
        Assert.Contains($"The {word} rule applies", results[1], StringComparison.Ordinal);
        Assert.Contains("title: Hot", results[1], StringComparison.Ordinal);
    }

    private static async Task WaitUntilSearchFindsAsync(HttpClient client, string word)
    {
        // A bounded poll: the watcher's debounce is 300 ms and the rescan 3 s.
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var answer = await client.GetFromJsonAsync<JsonObject>($"/api/knowledge/search?q={word}").WaitAsync(Timeout);
            if (answer!["results"]!.AsArray().Count > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The new passage was not indexed within {Timeout}.");
            await Task.Delay(50).WaitAsync(Timeout);
        }
    }

    private static Task CallBothToolsAsync(HttpResponse response, string word)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(
                ToolCall("call_1", "search_knowledge", new JsonObject { ["query"] = word, ["k"] = 2 }),
                ToolCall("call_2", "read_skill_file", new JsonObject { ["path"] = "tax-law/references/hot.md" })),
        };
        return WriteCompletionAsync(response, message, "tool_calls");
    }

    private static Task AnswerAsync(HttpResponse response) =>
        WriteCompletionAsync(response, new JsonObject { ["role"] = "assistant", ["content"] = "done" }, "stop");

    private static JsonObject ToolCall(string id, string name, JsonObject arguments) => new()
    {
        ["id"] = id,
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments.ToJsonString() },
    };

    private static Task WriteCompletionAsync(HttpResponse response, JsonObject message, string finishReason)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1,
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        };
        response.ContentType = "application/json";
        return response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
