using Docker.DotNet.Models;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells.Docker;

/// <summary>
/// Follows the engine's event stream for this hub's containers, so that a cell that dies, stops or is removed
/// behind the hub's back (a crash, an out-of-memory kill, an operator) is forgotten as ready at once, and the
/// next request starts it again instead of being forwarded into a dead socket. The stream is reopened with a
/// growing pause when the engine drops it.
/// </summary>
internal sealed class DockerEventWatcher(
    DockerEngine engine,
    CellManager cells,
    IOptions<CellsOptions> options,
    ILogger<DockerEventWatcher> logger) : BackgroundService
{
    private static readonly HashSet<string> s_endings = new(StringComparer.Ordinal) { "die", "stop", "kill", "oom", "destroy" };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var docker = await engine.GetClientAsync(stoppingToken);
                var parameters = new ContainerEventsParameters
                {
                    Filters = new Dictionary<string, IDictionary<string, bool>>
                    {
                        ["type"] = new Dictionary<string, bool> { ["container"] = true },
                        ["label"] = new Dictionary<string, bool> { [$"{CellLabels.Instance}={options.Value.Instance}"] = true },
                    },
                };
                await docker.System.MonitorEventsAsync(parameters, new Progress<Message>(OnEvent), stoppingToken);
                pause = TimeSpan.FromMilliseconds(200);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or global::Docker.DotNet.DockerApiException)
            {
                Log.EventStreamLost(logger, e, pause);
            }

            await Task.Delay(pause, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 10_000));
        }
    }

    private void OnEvent(Message message)
    {
        if (message.Action is { } action && s_endings.Contains(action.Split(':')[0])
            && message.Actor?.Attributes is { } attributes
            && attributes.TryGetValue(CellLabels.UidHash, out var uidHash))
        {
            cells.Invalidate(uidHash);
        }
    }
}
