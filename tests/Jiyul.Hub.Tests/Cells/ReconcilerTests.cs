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
}
