using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Jiyul.Hub.Tests.OpenClaw;

/// <summary>
/// Real OpenClaw in a real container. The tests share one cell (see <see cref="OpenClawHubFixture"/>) and, being
/// one class, run one after another.
/// </summary>
public sealed class OpenClawCellTests(OpenClawHubFixture cell, ITestOutputHelper output) : IClassFixture<OpenClawHubFixture>
{
    private static readonly TimeSpan s_timeout = OpenClawHubFixture.Timeout;

    // Korean text stays readable in what is compared, instead of \u escapes.
    private static readonly JsonSerializerOptions s_plainJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Ensure_OpenClawRuntime_IsReadyWithConfigInStateNotWorkspace()
    {
        output.WriteLine($"cold ensure: {cell.ColdEnsure.TotalMilliseconds:0} ms");
        using var docker = new TestDocker();

        var container = await docker.InspectAsync(cell.Uid);
        using var again = await cell.Client.PostAsync("/ensure", null).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(CellRuntimes.OpenClaw, container.Config.Labels["jiyul.runtime"]);
        Assert.True(container.State.Running);
        Assert.Equal("none", container.HostConfig.NetworkMode);
        var config = Path.Combine(cell.Paths.StateDirectory(cell.UidHash), "openclaw", "openclaw.json");
        Assert.True(File.Exists(config), $"no configuration at {config}");
        Assert.False(File.Exists(Path.Combine(cell.Paths.WorkspaceDirectory(cell.UidHash), "openclaw.json")));
        Assert.False(File.Exists(Path.Combine(cell.Paths.WorkspaceDirectory(cell.UidHash), "BOOTSTRAP.md")));
    }

    [Fact]
    public async Task Cell_FromInside_HasOnlyLoopbackAndCannotWriteSkills()
    {
        using var docker = new TestDocker();
        var container = await docker.InspectAsync(cell.Uid);

        var (_, interfaces) = await docker.ExecAsync(container.ID, "ls", "/sys/class/net");
        var (writeCode, _) = await docker.ExecAsync(container.ID, "touch", "/home/jiyul/skills/written-by-the-cell");
        var (rootCode, _) = await docker.ExecAsync(container.ID, "touch", "/opt/openclaw/written-by-the-cell");

        Assert.Equal("lo", interfaces.Trim());
        Assert.NotEqual(0, writeCode);
        Assert.NotEqual(0, rootCode);
    }

    [Fact]
    public async Task Chat_ThroughProxy_AnswersPlainAndStreamedWithSoulInSystemPrompt()
    {
        var question = new { role = "user", content = "종합소득세 신고 기한은 언제인가요?" };

        using var plain = await cell.Client.PostAsJsonAsync($"/proxy/{cell.Uid}/v1/chat/completions",
            new { model = "jiyul", messages = new[] { question } }).WaitAsync(s_timeout);
        var body = await plain.Content.ReadAsStringAsync().WaitAsync(s_timeout);
        Assert.True(plain.StatusCode == HttpStatusCode.OK, $"{(int)plain.StatusCode}: {body}");
        var answer = JsonDocument.Parse(body).RootElement
            .GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.False(string.IsNullOrWhiteSpace(answer));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/proxy/{cell.Uid}/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "openclaw", stream = true, messages = new[] { question } }),
        };
        using var streamed = await cell.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType?.MediaType);
        var events = await ReadEventsAsync(streamed).WaitAsync(s_timeout);
        Assert.Equal("[DONE]", events[^1]);
        var text = string.Concat(events[..^1].Select(DeltaText));
        Assert.False(string.IsNullOrWhiteSpace(text), "the stream carried no text: " + string.Join(" | ", events));

        var system = cell.Recorder.Requests.Select(SystemText).ToList();
        Assert.NotEmpty(system);
        Assert.All(system, prompt => Assert.Contains(cell.SoulMarker, prompt));
        Assert.Contains(system, prompt => prompt.Contains("tax-law", StringComparison.Ordinal));
        Assert.All(system, prompt => Assert.Contains("Preferred language", prompt));
    }

    [Fact]
    public async Task Cell_ProviderKey_IsInNoEnvironmentAndNoFile()
    {
        using var docker = new TestDocker();
        var container = await docker.InspectAsync(cell.Uid);

        var (_, environ) = await docker.ExecAsync(container.ID, "bash", "-c", "cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n'");
        var (code, found) = await docker.ExecAsync(container.ID, "bash", "-c",
            $"grep -rl -- '{OpenClawHubFixture.ProviderKey}' /home/jiyul /run/cell /tmp 2>/dev/null; true");

        Assert.DoesNotContain(container.Config.Env, e => e.Contains(OpenClawHubFixture.ProviderKey, StringComparison.Ordinal));
        Assert.Contains("OPENCLAW_STATE_DIR=", environ);
        Assert.DoesNotContain(OpenClawHubFixture.ProviderKey, environ);
        Assert.Equal(0, code);
        Assert.Equal("", found.Trim());
        foreach (var directory in new[] { cell.Paths.StateDirectory(cell.UidHash), cell.Paths.WorkspaceDirectory(cell.UidHash) })
        {
            // OpenClaw links some of its bundled skills into its state; the links point into the image, not here.
            var files = new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions
            {
                RecurseSubdirectories = true,
                AttributesToSkip = FileAttributes.ReparsePoint,
            });
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file.FullName);
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(OpenClawHubFixture.ProviderKey)) < 0, $"the key is in {file}");
            }
        }
    }

    [Fact]
    public async Task StopAndStart_SameUserField_ContinuesTheSessionAndKeepsTheWorkspace()
    {
        var conversation = "conv-" + Guid.NewGuid().ToString("N")[..8];
        var first = "첫 질문 " + Guid.NewGuid().ToString("N")[..8];
        var note = Path.Combine(cell.Paths.WorkspaceDirectory(cell.UidHash), "note-" + conversation + ".md");
        await File.WriteAllTextAsync(note, "kept across a restart");
        await ChatAsync(conversation, first);

        var runtime = cell.Hub.Services.GetRequiredService<ICellRuntime>();
        await runtime.StopAsync(cell.UidHash, TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(s_timeout);
        cell.Hub.Services.GetRequiredService<CellManager>().Invalidate(cell.UidHash);
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var ensure = await cell.Client.PostAsync("/ensure", null).WaitAsync(s_timeout);
        output.WriteLine($"start of a stopped cell: {started.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.OK, ensure.StatusCode);

        await ChatAsync(conversation, "두 번째 질문");

        Assert.True(File.Exists(note));
        var sent = cell.Recorder.Requests.Select(r => r.ToJsonString(s_plainJson)).ToList();
        var second = sent.Last(r => r.Contains("두 번째 질문", StringComparison.Ordinal));
        Assert.Contains(first, second);
    }

    private async Task ChatAsync(string conversation, string text)
    {
        using var answer = await cell.Client.PostAsJsonAsync($"/proxy/{cell.Uid}/v1/chat/completions",
            new { model = "jiyul", user = conversation, messages = new[] { new { role = "user", content = text } } }).WaitAsync(s_timeout);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Pack_EditedOnTheHost_ReachesTheRunningCell()
    {
        var marker = "JIYUL-PACK-" + Guid.NewGuid().ToString("N")[..10];

        // A new reference file is readable in the cell at once: the skills are a bind mount of the pack.
        var relative = $"tax-law/references/hot-{marker}.md";
        await File.WriteAllTextAsync(Path.Combine(cell.PackDirectory, "skills", relative), $"# Hot\n\n{marker} body\n");
        using var docker = new TestDocker();
        var container = await docker.InspectAsync(cell.Uid);
        var (code, text) = await docker.ExecAsync(container.ID, "cat", "/home/jiyul/skills/" + relative);
        Assert.Equal(0, code);
        Assert.Contains($"{marker} body", text, StringComparison.Ordinal);

        // A changed SKILL.md reaches OpenClaw's skills list (its watcher refreshes the snapshot) on a later turn.
        var skillFile = Path.Combine(cell.PackDirectory, "skills", "tax-law", "SKILL.md");
        var skill = await File.ReadAllTextAsync(skillFile);
        await File.WriteAllTextAsync(skillFile, skill.Replace("description: ", $"description: {marker} ", StringComparison.Ordinal));

        var deadline = DateTime.UtcNow + s_timeout;
        var turns = 0;
        while (!cell.Recorder.Requests.Select(SystemText).Any(prompt => prompt.Contains(marker, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The edited SKILL.md did not reach the system prompt in {turns} turns.");
            using var chat = await cell.Client.PostAsJsonAsync($"/proxy/{cell.Uid}/v1/chat/completions", new
            {
                model = "jiyul",
                user = "pack-edit",
                messages = new[] { new { role = "user", content = "부가가치세 신고 기한은?" } },
            }).WaitAsync(s_timeout);
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
            turns++;
        }

        output.WriteLine($"the edited SKILL.md reached the system prompt after {turns} turn(s)");
    }

    [Fact]
    public async Task Profile_PutWhileTheCellRuns_ReachesTheNextTurnsSystemPrompt()
    {
        var marker = "JIYUL-NAME-" + Guid.NewGuid().ToString("N")[..10];
        var profile = new { displayName = marker, language = "en", about = "Runs a bakery." };
        using (var put = await cell.Client.PutAsJsonAsync("/api/me", profile).WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var seen = cell.Recorder.Requests.Count;
        using var chat = await cell.Client.PostAsJsonAsync($"/proxy/{cell.Uid}/v1/chat/completions", new
        {
            model = "jiyul",
            user = "profile-" + marker,
            messages = new[] { new { role = "user", content = "부가가치세 신고 기한은?" } },
        }).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var prompts = cell.Recorder.Requests.Skip(seen).Select(SystemText).ToList();
        Assert.NotEmpty(prompts);
        Assert.All(prompts, prompt => Assert.Contains(marker, prompt, StringComparison.Ordinal));
        Assert.All(prompts, prompt => Assert.Contains("Runs a bakery.", prompt, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conversation_WithAttachment_ReachesTheModelThroughOpenClawAndKeepsItsHistory()
    {
        var api = new Conversations.ConversationsClient(cell.Client);
        var id = await api.CreateIdAsync();
        var docx = await Files.Uploads.UploadAsync(cell.Client,
            Files.Samples.Docx("주택 임대차 계약서", "제2조 보증금은 금 삼억 원으로 하며 잔금일에 지급한다."), "임대차.docx");

        using (var answer = await api.PostAsync(id, new { content = "이 계약서의 보증금은 얼마인가요?", attachments = new[] { docx.Id } }))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            await using var events = new Conversations.ReplyEventStream(await answer.Content.ReadAsStreamAsync().WaitAsync(s_timeout));
            var done = JsonDocument.Parse((await events.NextOfTypeAsync("done")).Data).RootElement;
            Assert.Equal("complete", done.GetProperty("status").GetString());
            Assert.Contains("보증금은 금 삼억 원", done.GetProperty("content").GetString(), StringComparison.Ordinal);
        }

        // The second turn reaches the model with the first one, attachment note and all, from the hub's history.
        await api.ChatAsync(id, "잔금일은 언제인가요?");
        var sent = cell.Recorder.Requests.Last().ToJsonString(s_plainJson);
        Assert.Contains("이 계약서의 보증금은 얼마인가요?", sent, StringComparison.Ordinal);
        Assert.Contains($"/home/jiyul/workspace/attachments/{docx.Id:N}/임대차.docx", sent, StringComparison.Ordinal);
        Assert.Contains("잔금일은 언제인가요?", sent, StringComparison.Ordinal);

        // The file itself is in the cell, where OpenClaw's read tool can open it.
        using var docker = new TestDocker();
        var container = await docker.InspectAsync(cell.Uid);
        var (code, text) = await docker.ExecAsync(container.ID, "cat", $"/home/jiyul/workspace/attachments/{docx.Id:N}/임대차.docx.txt");
        Assert.Equal(0, code);
        Assert.Contains("삼억 원", text, StringComparison.Ordinal);
    }

    private static string SystemText(JsonObject request)
    {
        var messages = request["messages"]!.AsArray();
        return string.Concat(messages
            .Where(m => m?["role"]?.GetValue<string>() is "system" or "developer")
            .Select(m => m!["content"] is JsonValue v ? v.GetValue<string>() : m!["content"]?.ToJsonString() ?? ""));
    }

    private static string DeltaText(string data)
    {
        using var chunk = JsonDocument.Parse(data);
        var choices = chunk.RootElement.TryGetProperty("choices", out var c) ? c : default;
        if (choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return "";
        }

        return choices[0].TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content)
            && content.ValueKind == JsonValueKind.String ? content.GetString()! : "";
    }

    private static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        return events;
    }
}
