using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Jiyul.Hub.Hosting;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells.Docker;

/// <summary>
/// Cells as Docker containers, over the Engine API. Outcomes the engine reports as errors but that mean
/// "already so" (304 on start or stop, 404 or a removal in progress on remove) are treated as success,
/// so that no caller needs a check-then-act sequence.
/// </summary>
internal sealed partial class DockerCellRuntime(
    DockerEngine engine,
    HubPaths paths,
    IOptions<CellsOptions> options,
    ILogger<DockerCellRuntime> logger) : ICellRuntime
{
    private const string CellHostName = "jiyul-cell";
    private static readonly TimeSpan s_goneTimeout = TimeSpan.FromSeconds(30);

    public async Task<string?> ResolveImageAsync(string image, CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);
        try
        {
            var inspected = await docker.Images.InspectImageAsync(image, cancellationToken);
            return inspected.ID;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    public async Task<CellStatus> InspectAsync(string uidHash, CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);
        try
        {
            var container = await docker.Containers.InspectContainerAsync(CellLabels.ContainerName(uidHash), cancellationToken);
            return ToStatus(uidHash, container);
        }
        catch (DockerContainerNotFoundException)
        {
            return CellStatus.Missing(uidHash);
        }
    }

    public async Task<IReadOnlyList<CellStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);
        var containers = await docker.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool>
                    {
                        [$"{CellLabels.Managed}=true"] = true,
                        [$"{CellLabels.Instance}={options.Value.Instance}"] = true,
                    },
                },
            },
            cancellationToken);

        var cells = new List<CellStatus>();
        foreach (var container in containers)
        {
            var labels = container.Labels ?? new Dictionary<string, string>();
            if (Label(labels, CellLabels.UidHash) is { } hash && UidHash.IsWellFormed(hash))
            {
                cells.Add(new CellStatus(
                    hash, StateOf(container.State), container.ID, Label(labels, CellLabels.Runtime), Label(labels, CellLabels.SpecHash)));
            }
        }

        return cells;
    }

    public async Task<CellStatus> CreateAsync(CellSpec spec, CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);
        var parameters = ToCreateParameters(spec);
        try
        {
            var created = await docker.Containers.CreateContainerAsync(parameters, cancellationToken);
            Log.ContainerCreated(logger, spec.UidHash, Short(created.ID), spec.Runtime);
            return new CellStatus(spec.UidHash, CellState.Stopped, created.ID, spec.Runtime, spec.Hash());
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // A container of that name exists: one of ours with the same spec is adopted, anything else
            // under our name is removed, and only once it is really gone is the cell made again.
            var existing = await InspectAsync(spec.UidHash, cancellationToken);
            if (existing.State is not CellState.Missing && existing.SpecHash == spec.Hash())
            {
                return existing;
            }

            await RemoveAsync(spec.UidHash, cancellationToken);
            var created = await docker.Containers.CreateContainerAsync(parameters, cancellationToken);
            Log.ContainerCreated(logger, spec.UidHash, Short(created.ID), spec.Runtime);
            return new CellStatus(spec.UidHash, CellState.Stopped, created.ID, spec.Runtime, spec.Hash());
        }
    }

    public async Task StartAsync(string uidHash, CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);

        // The engine answers 304 for a container that already runs; the library reports that as false.
        await docker.Containers.StartContainerAsync(CellLabels.ContainerName(uidHash), new ContainerStartParameters(), cancellationToken);
    }

    public async Task StopAsync(string uidHash, TimeSpan grace, CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);
        try
        {
            await docker.Containers.StopContainerAsync(
                CellLabels.ContainerName(uidHash),
                new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(grace.TotalSeconds) },
                cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            // Nothing to stop.
        }
    }

    public async Task RemoveAsync(string uidHash, CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);
        var name = CellLabels.ContainerName(uidHash);
        try
        {
            await docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // "Removal already in progress": someone else is removing it; wait for that below.
        }

        await WaitUntilGoneAsync(docker, name, cancellationToken);
        Log.ContainerRemoved(logger, uidHash);
    }

    public async Task<string> LogTailAsync(string uidHash, int lines, CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);
        try
        {
            using var stream = await docker.Containers.GetContainerLogsAsync(
                CellLabels.ContainerName(uidHash),
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString(CultureInfo.InvariantCulture) },
                cancellationToken);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken);
            return (stdout + stderr).Trim();
        }
        catch (DockerContainerNotFoundException)
        {
            return "";
        }
    }

    public async Task<CellMemory?> MemoryAsync(string uidHash, CancellationToken cancellationToken)
    {
        var docker = await engine.GetClientAsync(cancellationToken);
        try
        {
            // One sample, without the second one the engine otherwise waits for to work out CPU use (API 1.41+).
            var sample = new LastSample();
            await docker.Containers.GetContainerStatsAsync(
                CellLabels.ContainerName(uidHash),
                new ContainerStatsParameters { Stream = false, OneShot = true },
                sample,
                cancellationToken);
            var memory = sample.Value?.MemoryStats;
            if (memory?.Usage is not { } usage || usage == 0)
            {
                return null;
            }

            // As `docker stats` counts it: the page cache the kernel can drop at once (inactive files) is not the cell's.
            var stat = memory.Stats ?? new Dictionary<string, ulong>();
            var inactive = stat.TryGetValue("inactive_file", out var v2) ? v2
                : stat.TryGetValue("total_inactive_file", out var v1) ? v1 : 0;
            var used = usage > inactive ? usage - inactive : usage;
            return new CellMemory((long)used, memory.Limit is { } limit and > 0 ? (long)limit : null);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public async ValueTask<Stream> ConnectAsync(string uidHash, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(paths.GatewaySocket(uidHash)), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task WaitUntilGoneAsync(DockerClient docker, string name, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_goneTimeout);
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                await docker.Containers.InspectContainerAsync(name, timeout.Token);
            }
            catch (DockerContainerNotFoundException)
            {
                return;
            }

            await Task.Delay(delay, timeout.Token);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private CreateContainerParameters ToCreateParameters(CellSpec spec)
    {
        var instance = options.Value.Instance;
        var tmpfs = string.Create(CultureInfo.InvariantCulture, $"rw,nosuid,nodev,noexec,size={spec.TmpfsBytes}");
        return new CreateContainerParameters
        {
            Name = CellLabels.ContainerName(spec.UidHash),
            Image = spec.ImageId,
            User = string.Create(CultureInfo.InvariantCulture, $"{spec.UserId}:{spec.GroupId}"),
            Env = [.. spec.Environment],

            // The same host name in every run of a cell: OpenClaw takes over a lease left by a killed gateway only
            // when the lease names this host, and a new container would otherwise get a new name.
            Hostname = CellHostName,
            Labels = new Dictionary<string, string>
            {
                [CellLabels.Managed] = "true",
                [CellLabels.Instance] = instance,
                [CellLabels.UidHash] = spec.UidHash,
                [CellLabels.Runtime] = spec.Runtime,
                [CellLabels.ImageId] = spec.ImageId,
                [CellLabels.SpecHash] = spec.Hash(),
            },
            NetworkDisabled = true,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                ReadonlyRootfs = true,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = tmpfs },
                Memory = spec.MemoryBytes,
                MemorySwap = spec.MemoryBytes,
                NanoCPUs = (long)(spec.Cpus * 1_000_000_000),
                PidsLimit = spec.PidsLimit,
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
                Init = true,
                Mounts =
                [
                    Bind(spec.WorkspaceDirectory, CellPaths.Workspace, readOnly: false),
                    Bind(spec.SkillsDirectory, CellPaths.Skills, readOnly: true),
                    Bind(spec.RunDirectory, CellPaths.Run, readOnly: false),
                    Bind(spec.ModelDirectory, CellPaths.Model, readOnly: true),
                    Bind(spec.StateDirectory, CellPaths.State, readOnly: false),
                ],
            },
        };
    }

    private static Mount Bind(string source, string target, bool readOnly) =>
        new() { Type = "bind", Source = source, Target = target, ReadOnly = readOnly };

    private static CellStatus ToStatus(string uidHash, ContainerInspectResponse container)
    {
        IDictionary<string, string> labels = container.Config?.Labels ?? new Dictionary<string, string>();
        var state = container.State switch
        {
            { Running: true, Restarting: false, Paused: false } => CellState.Running,
            { Restarting: true } or { Paused: true } or { Dead: true } => CellState.Unusable,
            _ => CellState.Stopped,
        };
        return new CellStatus(
            uidHash,
            state,
            container.ID,
            Label(labels, CellLabels.Runtime),
            Label(labels, CellLabels.SpecHash),
            state is CellState.Running || container.State is null ? null : (int)container.State.ExitCode,
            container.State?.OOMKilled ?? false);
    }

    private static string? Label(IDictionary<string, string> labels, string key) =>
        labels.TryGetValue(key, out var value) ? value : null;

    private static CellState StateOf(string state) => state switch
    {
        "running" => CellState.Running,
        "created" or "exited" => CellState.Stopped,
        _ => CellState.Unusable,
    };

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    // Keeps the sample on the calling thread; Progress<T> would post it to the thread pool and race the await.
    private sealed class LastSample : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Value { get; private set; }

        public void Report(ContainerStatsResponse value) => Value = value;
    }
}
