using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells;

/// <summary>
/// Stops cells that have been idle past <see cref="CellsOptions.IdleTimeout"/>. It stops and never removes:
/// the workspace stays, and the next request starts the same container again in well under a second for the
/// agent runtime. A cell with a stream open, or with a start in progress, is left alone however old its last
/// request is. Time comes from the injected <see cref="TimeProvider"/>, so tests drive it without waiting.
/// </summary>
internal sealed class IdleCuller(
    ICellRuntime runtime,
    CellManager cells,
    CellActivity activity,
    TimeProvider time,
    IOptions<CellsOptions> options,
    ILogger<IdleCuller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CullInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CullOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Log.CullFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round: stops every running cell of this hub that is idle. Answers how many it stopped.</summary>
    public async Task<int> CullOnceAsync(CancellationToken cancellationToken)
    {
        var cell = options.Value;
        var stopped = 0;
        foreach (var status in await runtime.ListAsync(cancellationToken))
        {
            if (status.State is not CellState.Running || cells.IsStarting(status.UidHash)
                || !activity.IsIdle(status.UidHash, cell.IdleTimeout, out var lastActivity))
            {
                continue;
            }

            Log.CellIdle(logger, status.UidHash, lastActivity);
            cells.Invalidate(status.UidHash);
            try
            {
                await runtime.StopAsync(status.UidHash, cell.StopGraceOf(status.Runtime), cancellationToken);
                stopped++;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or global::Docker.DotNet.DockerApiException)
            {
                Log.StopFailed(logger, e, status.UidHash);
            }
        }

        return stopped;
    }
}
