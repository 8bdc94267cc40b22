using System.Diagnostics;

namespace Jiyul.Hub.Cells;

/// <summary>What the hub remembers of one cell between requests.</summary>
internal sealed class CellEntry
{
    private long _verifiedAt;
    private volatile bool _ready;
    private volatile bool _adopted;

    /// <summary>The start in progress or last finished; guarded by locking the entry.</summary>
    public Task<EnsureResult>? Start { get; set; }

    /// <summary>The runtime the cell was last seen ready with; null before the first start.</summary>
    public string? Runtime { get; private set; }

    /// <summary>Whether the cell is taken to be running: seen ready, or adopted, and not since found gone or restarted.</summary>
    public bool IsRunning => _ready || _adopted;

    public bool IsReady(long now, TimeSpan verifiedFor) =>
        _ready && Stopwatch.GetElapsedTime(Interlocked.Read(ref _verifiedAt), now) < verifiedFor;

    public void MarkReady(string runtime)
    {
        Runtime = runtime;
        Interlocked.Exchange(ref _verifiedAt, Stopwatch.GetTimestamp());
        _ready = true;
        _adopted = false;
    }

    public void MarkNotReady()
    {
        _ready = false;
        _adopted = false;
    }

    /// <summary>Known to run, not yet probed: the next ensure probes it before trusting it.</summary>
    public void Adopt(string runtime)
    {
        Runtime = runtime;
        _ready = false;
        _adopted = true;
    }
}
