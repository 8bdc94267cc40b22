using System.Diagnostics.Metrics;
using Jiyul.Hub.Cells;

namespace Jiyul.Hub.Telemetry;

/// <summary>
/// <c>jiyul.cells.running</c>: the cells the cell manager takes to be running, per runtime, read at each scrape.
/// A class of its own because the cell manager records into <see cref="HubMetrics"/>, so the metrics cannot
/// depend on the cell manager in turn. The gauge is made when the hub starts, not when it is built: a hub that is
/// only built (the backup and restore commands) must not create the cell manager, whose token key it would write.
/// </summary>
internal sealed class CellsRunningGauge(HubMetrics metrics, CellManager cells) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge(
            "jiyul.cells.running",
            () => Observe(cells),
            unit: "{cell}",
            description: "Cells running now (ready, or adopted at start-up and not since found gone), by runtime.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Every runtime is reported, with 0 when none of its cells runs, so that a series does not vanish when it drains.
    private static IEnumerable<Measurement<int>> Observe(CellManager cells)
    {
        var counts = cells.CountRunning();
        foreach (var runtime in new[] { CellRuntimes.Agent, CellRuntimes.OpenClaw }.Union(counts.Keys, StringComparer.Ordinal))
        {
            yield return new Measurement<int>(counts.GetValueOrDefault(runtime), new KeyValuePair<string, object?>("runtime", runtime));
        }
    }
}
