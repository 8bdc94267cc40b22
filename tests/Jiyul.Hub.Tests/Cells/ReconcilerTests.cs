using System.Net;
using Docker.DotNet.Models;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Cells;

[CollectionDefinition(nameof(ReconcilerTests), DisableParallelization = true)]
public sealed class ReconcilerSerial;

[Collection(nameof(ReconcilerTests))]
public sealed class ReconcilerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task HubRestart_AdoptsRunningCellsAndRemovesOrphans()
    {
        using var docker = new TestDocker();
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string uid, token, containerId;
            await using (var first = await TestHub.StartAsync(dataDirectory: data, instance: instance))
            {
                (var client, uid) = await first.SignUpAsync();
                token = client.DefaultRequestHeaders.Authorization!.Parameter!;
                (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
                containerId = (await docker.InspectAsync(uid)).ID;
            }

            // A container with this hub's labels whose user the hub never knew.
            var orphanHash = UidHash.Of("nobody-" + Guid.NewGuid());
            await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = CellLabels.ContainerName(orphanHash),
                Image = "jiyul/agent:latest",
                Labels = new Dictionary<string, string>
                {
                    ["jiyul.managed"] = "true",
                    ["jiyul.instance"] = instance,
                    ["jiyul.uid-hash"] = orphanHash,
                },
                HostConfig = new HostConfig { NetworkMode = "none" },
            }).WaitAsync(s_timeout);

            await using var second = await TestHub.StartAsync(dataDirectory: data, instance: instance);
            var containers = await docker.ListAsync(instance);

            Assert.Single(containers);
            Assert.Equal(containerId, containers[0].ID);
            Assert.Equal("running", containers[0].State);

            using var again = new HttpClient { BaseAddress = second.BaseAddress };
            again.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var ensured = await again.PostAsync("/ensure", null).WaitAsync(s_timeout);
            Assert.Equal(HttpStatusCode.OK, ensured.StatusCode);
            Assert.Equal(containerId, (await docker.InspectAsync(uid)).ID);
        }
        finally
        {
            await DockerCleanup.RemoveInstanceAsync(instance);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Ensure_AfterSettingsChanged_RecreatesTheStoppedCellAndKeepsTheWorkspace()
    {
        using var docker = new TestDocker();
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string uid, token, firstId;
            await using (var first = await TestHub.StartAsync(dataDirectory: data, instance: instance))
            {
                (var client, uid) = await first.SignUpAsync();
                token = client.DefaultRequestHeaders.Authorization!.Parameter!;
                (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
                firstId = (await docker.InspectAsync(uid)).ID;
                var (code, _) = await docker.ExecAsync(firstId, "sh", "-c", "echo kept > /home/jiyul/workspace/notes.md");
                Assert.Equal(0, code);
            }

            var oneGiB = (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var settings = new Dictionary<string, string?> { ["Cells:MemoryBytes"] = oneGiB };
            await using var second = await TestHub.StartAsync(settings, dataDirectory: data, instance: instance);
            using var again = new HttpClient { BaseAddress = second.BaseAddress };
            again.DefaultRequestHeaders.Authorization = new("Bearer", token);

            // A running cell is adopted as it is; the new settings apply at its next start.
            (await again.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
            Assert.Equal(firstId, (await docker.InspectAsync(uid)).ID);
            await docker.Client.Containers.StopContainerAsync(TestDocker.NameOf(uid), new()).WaitAsync(s_timeout);

            var ensured = await again.PostAsync("/ensure", null).WaitAsync(s_timeout);

            Assert.Equal(HttpStatusCode.OK, ensured.StatusCode);
            var recreated = await docker.InspectAsync(uid);
            Assert.NotEqual(firstId, recreated.ID);
            Assert.Equal(1L << 30, recreated.HostConfig.Memory);
            var (_, notes) = await docker.ExecAsync(recreated.ID, "cat", "/home/jiyul/workspace/notes.md");
            Assert.Equal("kept", notes.Trim());
        }
        finally
        {
            await DockerCleanup.RemoveInstanceAsync(instance);
            Directory.Delete(data, recursive: true);
        }
    }
}
