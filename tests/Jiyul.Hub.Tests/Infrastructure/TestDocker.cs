using Docker.DotNet;
using Docker.DotNet.Models;
using Jiyul.Hub.Cells;

namespace Jiyul.Hub.Tests.Infrastructure;

/// <summary>Direct access to the engine, for tests that check what the hub made.</summary>
internal sealed class TestDocker : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public DockerClient Client { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    public static string NameOf(string uid) => CellLabels.ContainerName(UidHash.Of(uid));

    public Task<ContainerInspectResponse> InspectAsync(string uid) =>
        Client.Containers.InspectContainerAsync(NameOf(uid)).WaitAsync(Timeout);

    public async Task<IList<ContainerListResponse>> ListAsync(string instance)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"jiyul.instance={instance}"] = true },
        };
        var parameters = new ContainersListParameters { All = true, Filters = filters };
        return await Client.Containers.ListContainersAsync(parameters).WaitAsync(Timeout);
    }

    /// <summary>Runs a command in a running container and answers its exit code and output.</summary>
    public async Task<(long ExitCode, string Output)> ExecAsync(string containerId, params string[] command)
    {
        var exec = await Client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            Cmd = command,
            AttachStdout = true,
            AttachStderr = true,
        }).WaitAsync(Timeout);
        using var stream = await Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), default)
            .WaitAsync(Timeout);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(default).WaitAsync(Timeout);
        var inspect = await Client.Exec.InspectContainerExecAsync(exec.ID).WaitAsync(Timeout);
        return (inspect.ExitCode ?? -1, stdout + stderr);
    }

    public void Dispose() => Client.Dispose();
}
