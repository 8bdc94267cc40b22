using Docker.DotNet;
using Docker.DotNet.Models;

namespace Jiyul.Bench.Engine;

/// <summary>
/// The bench's own view of the Docker engine, beside the hub's: it stops cells behind the hub's back, reads their
/// memory, and removes every container that carries the bench's <c>jiyul.instance</c> label at the end.
/// </summary>
internal sealed class BenchDocker(string instance) : IDisposable
{
    public DockerClient Client { get; } =
        new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    public string Instance { get; } = instance;

    public static string ContainerName(string uidHash) => "jiyul-" + uidHash;

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken) =>
        Client.System.GetVersionAsync(cancellationToken);

    /// <summary>The image's size in bytes and its id; null when the image is not on this host.</summary>
    public async Task<(long Size, string Id)?> ImageAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            var inspected = await Client.Images.InspectImageAsync(image, cancellationToken);
            return (inspected.Size, inspected.ID);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stops a container and waits until it has; a container that was not running counts as stopped.</summary>
    public async Task StopAsync(string name, TimeSpan grace, CancellationToken cancellationToken)
    {
        await Client.Containers.StopContainerAsync(
            name,
            new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(grace.TotalSeconds) },
            cancellationToken);
    }

    /// <summary>Starts a stopped container; answers when the engine reports it started.</summary>
    public async Task StartAsync(string name, CancellationToken cancellationToken)
    {
        await Client.Containers.StartContainerAsync(name, new ContainerStartParameters(), cancellationToken);
    }

    public async Task<bool> IsRunningAsync(string name, CancellationToken cancellationToken)
    {
        var inspected = await Client.Containers.InspectContainerAsync(name, cancellationToken);
        return inspected.State?.Running ?? false;
    }

    /// <summary>One non-streaming stats read of the container's memory.</summary>
    public async Task<CellMemory?> MemoryAsync(string name, CancellationToken cancellationToken)
    {
        ContainerStatsResponse? last = null;
        await Client.Containers.GetContainerStatsAsync(
            name,
            new ContainerStatsParameters { Stream = false, OneShot = true },
            new ImmediateProgress<ContainerStatsResponse>(stats => last = stats),
            cancellationToken);
        return last?.MemoryStats is { Usage: { } usage } memory ? CellMemory.From(name, usage, memory.Stats) : null;
    }

    public async Task<int> CountInstanceAsync(CancellationToken cancellationToken) =>
        (await ListInstanceAsync(cancellationToken)).Count;

    /// <summary>Removes, forcibly, every container of the bench's instance; answers how many it removed.</summary>
    public async Task<int> RemoveInstanceAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var container in await ListInstanceAsync(cancellationToken))
        {
            try
            {
                await Client.Containers.RemoveContainerAsync(
                    container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken);
                removed++;
            }
            catch (DockerContainerNotFoundException)
            {
                // Already gone.
            }
        }

        return removed;
    }

    public void Dispose() => Client.Dispose();

    private async Task<IList<ContainerListResponse>> ListInstanceAsync(CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"jiyul.instance={Instance}"] = true },
        };
        return await Client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = filters }, cancellationToken);
    }
}
