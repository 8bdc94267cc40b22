using System.Collections.Concurrent;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Jiyul.Bench.Engine;

/// <summary>
/// Records the engine's container events for the bench's instance while the bench runs. Their timestamps come from
/// the same clock as the bench's own wall-clock timestamps, so a request's time can be split at the moments the
/// engine created and started its container.
/// </summary>
internal sealed class DockerEventRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<EngineEvent> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    private DockerEventRecorder(DockerClient docker, string instance)
    {
        // "since" replays from the moment the recorder was made, so nothing is lost while the stream connects.
        var parameters = new ContainerEventsParameters
        {
            Since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["label"] = new Dictionary<string, bool> { [$"jiyul.instance={instance}"] = true },
            },
        };
        _pump = PumpAsync(docker, parameters, _stop.Token);
    }

    /// <summary>Why the event stream ended early, if it did; the breakdowns are then left out.</summary>
    public string? Failure { get; private set; }

    public static DockerEventRecorder Start(DockerClient docker, string instance) => new(docker, instance);

    /// <summary>The first event of that kind for the container at or after the given moment.</summary>
    public DateTimeOffset? First(string containerName, string action, DateTimeOffset notBefore) =>
        _events.Where(e => e.ContainerName == containerName && e.Action == action && e.At >= notBefore)
            .Select(e => (DateTimeOffset?)e.At)
            .Min();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }

    private async Task PumpAsync(
        DockerClient docker,
        ContainerEventsParameters parameters,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await docker.System.MonitorEventsAsync(parameters, new ImmediateProgress<Message>(Record), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bench is done with events.
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException)
        {
            Failure = "The engine's event stream failed: " + e.Message;
        }
    }

    private void Record(Message message)
    {
        if (message.Actor?.Attributes is { } attributes && attributes.TryGetValue("name", out var name)
            && message.Action is { } action && message.TimeNano is { } nanoseconds)
        {
            var at = DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);
            _events.Enqueue(new EngineEvent(name, action, at));
        }
    }
}
