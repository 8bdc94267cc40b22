using Jiyul.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiyul.Hub.Cells;

/// <summary>
/// At start-up, brings the hub's memory in line with the engine: running cells of known users are adopted
/// (the idle clock starts for them now), stopped ones are left for their next request, and containers that
/// carry this hub's labels but belong to no known user are removed, so nothing is left orphaned.
/// </summary>
internal sealed class CellReconciler(
    ICellRuntime runtime,
    CellManager cells,
    IServiceScopeFactory scopes,
    ILogger<CellReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReconcileAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        HashSet<string> known;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            known = (await db.Cells.Select(c => c.UidHash).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        }

        int adopted = 0, kept = 0, removed = 0;
        foreach (var status in await runtime.ListAsync(cancellationToken))
        {
            if (!known.Contains(status.UidHash))
            {
                Log.OrphanRemoved(logger, status.UidHash, status.ContainerId?[..Math.Min(12, status.ContainerId.Length)]);
                await runtime.RemoveAsync(status.UidHash, cancellationToken);
                removed++;
            }
            else if (status.State is CellState.Running)
            {
                cells.Adopt(status.UidHash, status.Runtime ?? cells.Runtime);
                adopted++;
            }
            else
            {
                kept++;
            }
        }

        Log.Reconciled(logger, adopted, kept, removed);
    }
}
