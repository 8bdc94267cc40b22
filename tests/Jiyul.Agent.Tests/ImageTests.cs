using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jiyul.Agent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Jiyul.Agent.Tests;

/// <summary>
/// The agent's image, run under the hardening the hub gives every cell: no network, read-only root, every
/// capability dropped, the cell user. Catches what the in-process tests cannot see, such as a native library the
/// image lacks. Needs Docker and the image that images/agent/build.sh makes (./jiyul test builds it first), and
/// root: the agent's socket belongs to the cell user and is open to its group only.
/// </summary>
public sealed class ImageTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string Token = "image-test-token";
    private const string SoulText = "I am the image test's assistant.";

    private static readonly string Image =
        Environment.GetEnvironmentVariable("JIYUL_AGENT_IMAGE") is { Length: > 0 } image ? image : "jiyul/agent:latest";

    private readonly TempDirectory _root = new();
    private readonly string _name = $"jiyul-agent-test-{Guid.NewGuid():N}"[..32];
    private FakeModel _model = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var (exitCode, _, _) = await DockerCli.TryRunAsync("image", "inspect", Image);
        Assert.True(exitCode == 0, $"There is no image {Image}: images/agent/build.sh makes it (./jiyul test runs it first).");

        _root.WriteFile("ws/SOUL.md", SoulText);
        var run = Directory.CreateDirectory(_root.Combine("run"));
        Directory.CreateDirectory(_root.Combine("model"));

        // The cell user must create its socket in run/ and connect to the model's; the test may run as anyone.
        run.UnixFileMode = (UnixFileMode)0b111_111_111;
        _model = await FakeModel.StartAsync(_root.Combine("model", "model.sock"));
        File.SetUnixFileMode(_model.SocketPath, (UnixFileMode)0b110_110_110);
        _client = UnixSocketHttp.CreateClient(_root.Combine("run", "gateway.sock"), Token);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await DockerCli.TryRunAsync("rm", "-f", _name);
        await _model.DisposeAsync();
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Image_UnderCellHardening_ServesAndRelaysToTheModel()
    {
        await DockerCli.RunAsync(
            "create", "--pull", "never", "--name", _name, "--label", "jiyul.test=agent-image",
            "--network", "none", "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--user", "10001:10001",
            "-v", $"{_root.Combine("ws")}:/home/jiyul/workspace",
            "-v", $"{RepositoryRoot.Combine("packs", "legal-tax-ko", "skills")}:/home/jiyul/skills:ro",
            "-v", $"{_root.Combine("run")}:/run/cell",
            "-v", $"{_root.Combine("model")}:/run/jiyul-model:ro",
            "-e", $"JIYUL_CELL_TOKEN={Token}",
            Image);

        var started = Stopwatch.GetTimestamp();
        await DockerCli.RunAsync("start", _name);
        await WaitUntilReadyAsync();
        output.WriteLine($"ready {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms after docker start");

        using (var anonymous = UnixSocketHttp.CreateClient(_root.Combine("run", "gateway.sock")))
        {
            using var refused = await anonymous.GetAsync("/v1/models").WaitAsync(TestTimeouts.Default);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var models = await _client.GetAsync("/v1/models").WaitAsync(TestTimeouts.Default);
        var list = await models.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default);
        Assert.Contains("\"id\":\"jiyul\"", list, StringComparison.Ordinal);

        // A tool round in the compiled binary: function calling must work without reflection.
        _model.Respond = FakeModel.ToolThenText("read_skill_file", """{"path":"tax-law/SKILL.md"}""", "안녕하세요");
        using var chat = await _client.PostAsync(
            "/v1/chat/completions",
            new StringContent("""{"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"))
            .WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var answer = JsonNode.Parse(await chat.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default))!;
        Assert.Equal("안녕하세요", answer["choices"]![0]!["message"]!["content"]!.GetValue<string>());

        Assert.Equal(2, _model.Chats.Count);
        var toolResult = _model.Chats[1].Messages.Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString();
        Assert.Contains("name: tax-law", toolResult, StringComparison.Ordinal);
        var received = _model.Chats[0];
        Assert.Equal($"Bearer {Token}", received.Authorization);
        Assert.Contains(SoulText, received.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("tax-law", received.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("/home/jiyul/skills", received.SystemPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_Running_HoldsNoInotifyInstance()
    {
        await DockerCli.RunAsync(
            "run", "-d", "--pull", "never", "--name", _name, "--label", "jiyul.test=agent-image",
            "--network", "none", "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--user", "10001:10001",
            "-v", $"{_root.Combine("ws")}:/home/jiyul/workspace",
            "-v", $"{_root.Combine("run")}:/run/cell",
            "-e", $"JIYUL_CELL_TOKEN={Token}",
            Image);
        await WaitUntilReadyAsync();

        // Every cell shares one uid, and a uid gets 128 inotify instances: a watcher per cell caps a host at 128.
        var descriptors = await DockerCli.RunAsync(
            "exec", _name, "sh", "-c", "for f in /proc/1/fd/*; do readlink \"$f\"; done");

        Assert.DoesNotContain("inotify", descriptors, StringComparison.Ordinal);
        Assert.Contains("socket:", descriptors, StringComparison.Ordinal);
    }

    /// <summary>
    /// Polls readiness on the socket the way the hub does, and stops at once with the container's log when it
    /// has exited: waiting out the deadline would only hide why.
    /// </summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(TestTimeouts.Default.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                using var response = await _client.GetAsync("/readyz").WaitAsync(TestTimeouts.Default);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (await DockerCli.RunAsync("inspect", "-f", "{{.State.Running}}", _name) != "true")
            {
                var (_, log, errors) = await DockerCli.TryRunAsync("logs", _name);
                Assert.Fail($"The agent's container exited before it was ready:\n{log}{errors}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        Assert.Fail($"The agent's container was not ready within {TestTimeouts.Default}.");
    }
}
