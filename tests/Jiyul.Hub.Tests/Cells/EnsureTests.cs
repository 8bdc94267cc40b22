using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Docker.DotNet.Models;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Cells;

public sealed class EnsureTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Ensure_ColdThenWarm_StartsOneReadyContainer()
    {
        await using var hub = await TestHub.StartAsync();
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();

        var cold = await client.PostAsync("/ensure", null).WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, cold.StatusCode);
        var answer = await cold.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        Assert.Equal(uid, answer.GetProperty("uid").GetString());
        Assert.Equal("ready", answer.GetProperty("state").GetString());
        Assert.Equal("agent", answer.GetProperty("runtime").GetString());
        Assert.False(answer.TryGetProperty("token", out _));
        var first = await docker.InspectAsync(uid);
        Assert.True(first.State.Running);

        var warm = await client.PostAsync("/ensure", null).WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        var second = await docker.InspectAsync(uid);
        Assert.Equal(first.ID, second.ID);
        Assert.Single(await docker.ListAsync(hub.Instance));
    }

    [Fact]
    public async Task Ensure_TwentyConcurrentCallsForOneUser_MakeOneContainer()
    {
        await using var hub = await TestHub.StartAsync();
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();

        var calls = Enumerable.Range(0, 20).Select(_ => client.PostAsync("/ensure", null));
        var answers = await Task.WhenAll(calls).WaitAsync(s_timeout);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var containers = await docker.ListAsync(hub.Instance);
        Assert.Single(containers);
        Assert.Equal(TestDocker.NameOf(uid), containers[0].Names.Single().TrimStart('/'));
    }

    [Fact]
    public async Task Ensure_WithoutToken_Is401()
    {
        await using var hub = await TestHub.StartAsync();

        var answer = await hub.Client.PostAsync("/ensure", null).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Empty(await new TestDocker().ListAsync(hub.Instance));
    }

    [Fact]
    public async Task Ensure_NewCell_HasTheHardeningOfTheCellContract()
    {
        await using var hub = await TestHub.StartAsync();
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();

        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        var cell = await docker.InspectAsync(uid);

        var host = cell.HostConfig;
        Assert.Equal("none", host.NetworkMode);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Contains("no-new-privileges", host.SecurityOpt);
        Assert.True(host.ReadonlyRootfs);
        Assert.Contains("/tmp", host.Tmpfs.Keys);
        Assert.Equal(2L * 1024 * 1024 * 1024, host.Memory);
        Assert.Equal(2_000_000_000, host.NanoCPUs);
        Assert.Equal(512, host.PidsLimit);
        Assert.Equal(RestartPolicyKind.UnlessStopped, host.RestartPolicy.Name);
        Assert.Equal("10001:10001", cell.Config.User);
        Assert.Equal("true", cell.Config.Labels["jiyul.managed"]);
        Assert.Equal(hub.Instance, cell.Config.Labels["jiyul.instance"]);
        Assert.Equal("agent", cell.Config.Labels["jiyul.runtime"]);
        Assert.DoesNotContain(uid, cell.Name);

        var mounts = cell.Mounts.ToDictionary(m => m.Destination);
        Assert.True(mounts["/home/jiyul/workspace"].RW);
        Assert.False(mounts["/home/jiyul/skills"].RW);
        Assert.True(mounts["/run/cell"].RW);
        Assert.False(mounts["/run/jiyul-model"].RW);
    }

    [Fact]
    public async Task Ensure_NewCell_SeedsPersonaAndUserFile()
    {
        await using var hub = await TestHub.StartAsync();
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync("seed-me@example.test");

        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        var cell = await docker.InspectAsync(uid);

        var (code, listing) = await docker.ExecAsync(cell.ID, "ls", "/home/jiyul/workspace");
        Assert.Equal(0, code);
        foreach (var file in new[] { "SOUL.md", "IDENTITY.md", "AGENTS.md", "USER.md" })
        {
            Assert.Contains(file, listing);
        }

        var (_, user) = await docker.ExecAsync(cell.ID, "cat", "/home/jiyul/workspace/USER.md");
        Assert.Contains("seed-me", user);
    }

    [Fact]
    public async Task Cell_WritingIntoSkills_Fails()
    {
        await using var hub = await TestHub.StartAsync();
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();
        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        var cell = await docker.InspectAsync(uid);

        var (skills, _) = await docker.ExecAsync(cell.ID, "touch", "/home/jiyul/skills/tax-law/forged.md");
        var (root, _) = await docker.ExecAsync(cell.ID, "touch", "/etc/forged");
        var (workspace, _) = await docker.ExecAsync(cell.ID, "touch", "/home/jiyul/workspace/notes.md");

        Assert.NotEqual(0, skills);
        Assert.NotEqual(0, root);
        Assert.Equal(0, workspace);
        Assert.False(File.Exists(RepositoryRoot.Combine("packs", "legal-tax-ko", "skills", "tax-law", "forged.md")));
    }

    [Fact]
    public async Task Cell_ModelKey_IsInNoCellEnvironmentOrFile()
    {
        const string key = "sk-jiyul-test-key-that-must-stay-in-the-hub";
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Models:OpenAI:ApiKey"] = key });
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();
        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        var cell = await docker.InspectAsync(uid);

        Assert.DoesNotContain(cell.Config.Env, e => e.Contains(key, StringComparison.Ordinal));
        var (grep, output) = await docker.ExecAsync(cell.ID, "grep", "-rqs", key, "/home/jiyul", "/run/cell", "/run/jiyul-model", "/tmp");
        Assert.True(grep == 1, $"grep found the key or failed: exit {grep}, {output}");
    }

    [Fact]
    public async Task Ensure_KilledCell_IsReplacedOnNextRequest()
    {
        await using var hub = await TestHub.StartAsync();
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();
        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();

        // SIGKILL, then stop, so that the restart policy cannot bring it back on its own before we ask.
        await docker.Client.Containers.KillContainerAsync(TestDocker.NameOf(uid), new() { Signal = "SIGKILL" }).WaitAsync(s_timeout);
        await docker.Client.Containers.StopContainerAsync(TestDocker.NameOf(uid), new()).WaitAsync(s_timeout);

        var again = await client.PostAsync("/ensure", null).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await docker.InspectAsync(uid)).State.Running);
    }

    [Fact]
    public async Task Ensure_CellThatExitsAtStart_Is503WithReasonAndIsRemoved()
    {
        // The base image has no gateway: its container exits at once, as a broken runtime image would.
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Cells:Images:agent"] = "jiyul/base:bookworm" });
        var (client, _) = await hub.SignUpAsync();

        var answer = await client.PostAsync("/ensure", null).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        Assert.Equal("start-failed", problem.GetProperty("reason").GetString());
        Assert.Contains("exit", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await new TestDocker().ListAsync(hub.Instance));
    }

    [Fact]
    public async Task Ensure_MoreStartsThanAllowed_Answers429WithRetryAfter()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Cells:MaxConcurrentStarts"] = "1" });
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => hub.SignUpAsync())).WaitAsync(s_timeout);

        var answers = await Task.WhenAll(users.Select(u => u.Client.PostAsync("/ensure", null))).WaitAsync(s_timeout);

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests && a.Headers.RetryAfter is not null);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
    }
}
