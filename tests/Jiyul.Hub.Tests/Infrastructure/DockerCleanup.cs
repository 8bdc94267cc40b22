using Docker.DotNet;
using Docker.DotNet.Models;

namespace Jiyul.Hub.Tests.Infrastructure;

/// <summary>Removes every container a test hub made, found by its instance label.</summary>
internal static class DockerCleanup
{
    public static async Task RemoveInstanceAsync(string instance)
    {
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"jiyul.instance={instance}"] = true },
        };
        var containers = await docker.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = filters }, timeout.Token);
        foreach (var container in containers)
        {
            try
            {
                await docker.Containers.RemoveContainerAsync(
                    container.ID, new ContainerRemoveParameters { Force = true }, timeout.Token);
            }
            catch (DockerContainerNotFoundException)
            {
                // Already gone.
            }
        }
    }
}
