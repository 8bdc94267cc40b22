using System.Collections.Concurrent;

namespace Jiyul.Hub.Models;

/// <summary>
/// Counts usage per user per UTC day in memory and logs each response at debug level. The counters are not persisted:
/// a restart of the hub starts them from zero, and no budget can be enforced on them across restarts yet.
/// Days before yesterday are dropped, so memory grows with the number of active users, not with uptime.
/// </summary>
internal sealed class InMemoryModelUsageSink(TimeProvider time, ILogger<InMemoryModelUsageSink> logger)
    : IModelUsageSink
{
    private readonly ConcurrentDictionary<(DateOnly Day, string UidHash), DailyUsage> _days = new();
    private DateOnly _prunedThrough;

    public ValueTask RecordAsync(ModelUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        PruneBefore(today.AddDays(-1));

        _days.AddOrUpdate(
            (today, usage.UidHash),
            static (_, used) => new DailyUsage(0, 0, 0).Add(used),
            static (_, day, used) => day.Add(used),
            usage);
        Log.UsageRecorded(logger, usage.UidHash, usage.Provider, usage.Model, usage.InputTokens, usage.OutputTokens);
        return ValueTask.CompletedTask;
    }

    /// <summary>The user's usage on <paramref name="day"/>; zero when nothing was recorded (or it was pruned).</summary>
    public DailyUsage Get(string uidHash, DateOnly day) =>
        _days.TryGetValue((day, uidHash), out var usage) ? usage : new DailyUsage(0, 0, 0);

    private void PruneBefore(DateOnly oldestKept)
    {
        // Checked without a lock: two threads may both prune on the first call of a day, which is harmless.
        if (_prunedThrough >= oldestKept)
        {
            return;
        }

        _prunedThrough = oldestKept;
        foreach (var key in _days.Keys)
        {
            if (key.Day < oldestKept)
            {
                _days.TryRemove(key, out _);
            }
        }
    }
}
