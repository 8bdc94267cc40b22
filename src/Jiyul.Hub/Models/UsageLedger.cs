using Jiyul.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Models;

/// <summary>
/// Keeps model usage per user per UTC day in the store (<see cref="UsageDay"/>). Each response is added to a
/// pending batch in memory at once, and the batch is written every <see cref="ModelsOptions.UsageFlushInterval"/>,
/// before any read of the stored days, and when the hub stops; so a crash loses at most one interval of usage,
/// and an orderly stop loses none. A batch whose write fails stays pending and goes with the next one.
/// <para>
/// For the daily budget it also keeps today's total of every user it has been asked about: loaded from the store
/// once, then kept current by every response. That assumes this hub is the only one writing usage to its store,
/// which is how a hub runs (one hub per data directory and database).
/// </para>
/// </summary>
internal sealed class UsageLedger(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<ModelsOptions> options,
    ILogger<UsageLedger> logger) : BackgroundService, IModelUsageSink
{
    private readonly Lock _lock = new();

    // Serialises writing a batch with loading a total, so that a total never counts a batch twice or not at all.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<(string UidHash, DateOnly Day), DailyUsage> _pending = [];
    private readonly Dictionary<(string UidHash, DateOnly Day), DailyUsage> _totals = [];
    private DateOnly _totalsDay;

    /// <summary>Today, as the ledger counts days: the UTC date.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public ValueTask RecordAsync(ModelUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var key = (usage.UidHash, Today);
        lock (_lock)
        {
            _pending[key] = _pending.GetValueOrDefault(key, DailyUsage.Zero).Add(usage);
            if (_totals.TryGetValue(key, out var total))
            {
                _totals[key] = total.Add(usage);
            }
        }

        Log.UsageRecorded(logger, usage.UidHash, usage.Provider, usage.Model, usage.InputTokens, usage.OutputTokens);
        return ValueTask.CompletedTask;
    }

    /// <summary>The tokens (input and output) the cell of <paramref name="uidHash"/> has used today, stored or pending.</summary>
    public async Task<long> SpentTodayAsync(string uidHash, CancellationToken cancellationToken)
    {
        var key = (uidHash, Today);
        lock (_lock)
        {
            if (_totals.TryGetValue(key, out var known))
            {
                return known.TotalTokens;
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var stored = await (
                    from usage in db.Usage
                    join cell in db.Cells on usage.OwnerUid equals cell.Uid
                    where cell.UidHash == uidHash && usage.Day == key.Today
                    select new DailyUsage(usage.Requests, usage.InputTokens, usage.OutputTokens))
                .FirstOrDefaultAsync(cancellationToken) ?? DailyUsage.Zero;

            lock (_lock)
            {
                if (_totalsDay != key.Today)
                {
                    // A new day: yesterday's totals no longer decide anything.
                    _totals.Clear();
                    _totalsDay = key.Today;
                }

                var total = stored.Add(_pending.GetValueOrDefault(key, DailyUsage.Zero));
                _totals[key] = total;
                return total.TotalTokens;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the pending batch to the store. A batch that cannot be written stays pending, and this throws.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Dictionary<(string UidHash, DateOnly Day), DailyUsage> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                batch = _pending;
                _pending = [];
            }

            try
            {
                await WriteAsync(batch, cancellationToken);
            }
            catch (Exception)
            {
                lock (_lock)
                {
                    foreach (var (key, usage) in batch)
                    {
                        _pending[key] = _pending.GetValueOrDefault(key, DailyUsage.Zero).Add(usage);
                    }
                }

                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TryFlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // The model socket stops before this (it was started after), so no response is recorded after this write.
        await TryFlushAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    private async Task TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.UsageFlushFailed(logger, e);
        }
    }

    private async Task WriteAsync(Dictionary<(string UidHash, DateOnly Day), DailyUsage> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();

        // Usage arrives named by the cell (the uid hash its token carries); the store keeps it by uid, which every
        // cell's record holds, since a cell is recorded before it first starts.
        var hashes = batch.Keys.Select(k => k.UidHash).Distinct().ToList();
        var uids = await db.Cells.AsNoTracking().Where(c => hashes.Contains(c.UidHash))
            .ToDictionaryAsync(c => c.UidHash, c => c.Uid, cancellationToken);

        foreach (var ((uidHash, day), usage) in batch)
        {
            if (!uids.TryGetValue(uidHash, out var uid))
            {
                Log.UsageOfUnknownCell(logger, uidHash, usage.TotalTokens);
                continue;
            }

            var row = await db.Usage.FindAsync([uid, day], cancellationToken);
            if (row is null)
            {
                db.Usage.Add(new UsageDay
                {
                    OwnerUid = uid,
                    Day = day,
                    Requests = (int)usage.Requests,
                    InputTokens = usage.InputTokens,
                    OutputTokens = usage.OutputTokens,
                });
            }
            else
            {
                row.Requests += (int)usage.Requests;
                row.InputTokens += usage.InputTokens;
                row.OutputTokens += usage.OutputTokens;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        Log.UsageFlushed(logger, batch.Count);
    }
}
