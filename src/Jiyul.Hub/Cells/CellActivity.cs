using System.Collections.Concurrent;

namespace Jiyul.Hub.Cells;

/// <summary>
/// When each cell was last used, and how many streams it has open. Every proxied request touches it;
/// an open stream counts as activity for as long as it runs, however long that is.
/// </summary>
internal sealed class CellActivity(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time;

    public void Touch(string uidHash) => Get(uidHash).Touch(_time.GetUtcNow());

    /// <summary>Marks a stream open until the returned handle is disposed.</summary>
    public IDisposable BeginStream(string uidHash)
    {
        var entry = Get(uidHash);
        entry.Touch(_time.GetUtcNow());
        Interlocked.Increment(ref entry.OpenStreams);
        return new StreamHandle(this, entry);
    }

    /// <summary>Whether the cell has been idle for at least <paramref name="idleTimeout"/>, and since when.</summary>
    public bool IsIdle(string uidHash, TimeSpan idleTimeout, out DateTimeOffset lastActivity)
    {
        var entry = Get(uidHash);
        lastActivity = entry.LastActivity;
        return Volatile.Read(ref entry.OpenStreams) == 0 && _time.GetUtcNow() - lastActivity >= idleTimeout;
    }

    /// <summary>When the cell was last used since this hub started; null when it has not been seen.</summary>
    public DateTimeOffset? LastActivity(string uidHash) => _entries.TryGetValue(uidHash, out var entry) ? entry.LastActivity : null;

    public int OpenStreams(string uidHash) => _entries.TryGetValue(uidHash, out var entry) ? Volatile.Read(ref entry.OpenStreams) : 0;

    // A cell the hub has not seen before (adopted after a restart) counts as active from the moment it is first seen.
    private Entry Get(string uidHash) => _entries.GetOrAdd(uidHash, static (_, now) => new Entry(now), _time.GetUtcNow());

    private sealed class Entry(DateTimeOffset now)
    {
        private long _lastTicks = now.UtcTicks;
        public int OpenStreams;

        public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastTicks), TimeSpan.Zero);

        public void Touch(DateTimeOffset at) => Interlocked.Exchange(ref _lastTicks, at.UtcTicks);
    }

    private sealed class StreamHandle(CellActivity owner, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                entry.Touch(owner._time.GetUtcNow());
                Interlocked.Decrement(ref entry.OpenStreams);
            }
        }
    }
}
