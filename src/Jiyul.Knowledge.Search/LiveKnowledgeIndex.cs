using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Jiyul.Knowledge.Search;

/// <summary>
/// The index of a pack that follows the pack on disk. A file watcher wakes it when the pack changes; it waits for
/// the edits to settle (the debounce delay), builds a whole new index and swaps it in with one reference write, so
/// a search sees either the old index or the new one, never a half-built one. Because file events can be lost (an
/// overflowing queue, an editor that replaces folders, a file system that sends none), it also compares a cheap
/// fingerprint of the pack every rescan interval and rebuilds when that differs.
/// </summary>
/// <remarks>
/// A replaced index is not disposed: a search may still be running on it, and it holds only managed memory, which
/// the collector reclaims once the last search on it ends.
/// </remarks>
public sealed class LiveKnowledgeIndex : IAsyncDisposable
{
    // Past this many rounds of "still changing", the index is rebuilt anyway: a pack written to without pause
    // should still be searchable in its latest state within a few seconds.
    private const int MaxDebounceRounds = 10;

    private readonly string _packDirectory;
    private readonly TimeSpan _debounceDelay;
    private readonly TimeSpan _rescanInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _useFileWatcher;
    private readonly Lock _gate = new();
    private readonly Channel<bool> _changes =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private Snapshot? _snapshot;
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    /// <summary>Follows the pack at <paramref name="packDirectory"/>; nothing is read until first use or <see cref="Start"/>.</summary>
    /// <param name="packDirectory">The pack's root (persona/ and skills/).</param>
    /// <param name="debounceDelay">How long the pack must be quiet after a file event before the index is rebuilt.</param>
    /// <param name="rescanInterval">How often the pack's fingerprint is compared with the index's.</param>
    /// <param name="timeProvider">The clock of the debounce and the rescan.</param>
    /// <param name="logger">Where rebuilds and failures are logged.</param>
    /// <param name="useFileWatcher">False to find changes by rescanning alone (no inotify instance is taken).</param>
    public LiveKnowledgeIndex(
        string packDirectory,
        TimeSpan debounceDelay,
        TimeSpan rescanInterval,
        TimeProvider timeProvider,
        ILogger<LiveKnowledgeIndex> logger,
        bool useFileWatcher = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(packDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(debounceDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rescanInterval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _packDirectory = Path.GetFullPath(packDirectory);
        _debounceDelay = debounceDelay;
        _rescanInterval = rescanInterval;
        _time = timeProvider;
        _logger = logger;
        _useFileWatcher = useFileWatcher;
    }

    /// <summary>The index in use; built on first use when the watch loop has not built it yet.</summary>
    public KnowledgeIndex Current => (Volatile.Read(ref _snapshot) ?? BuildFirst()).Index;

    /// <summary>Counts the indexes built so far: 0 before the first, one more after every rebuild that succeeded.</summary>
    public long Generation => Volatile.Read(ref _snapshot)?.Generation ?? 0;

    /// <summary>Searches the index in use; see <see cref="KnowledgeIndex.Search"/>.</summary>
    public IReadOnlyList<SearchHit> Search(string query, int k) => Current.Search(query, k);

    /// <summary>
    /// The index in use, rebuilt first when the pack on disk no longer matches it (one directory scan, no file
    /// read). For a caller that must see an edit made a moment ago, before the watcher's debounce has passed.
    /// </summary>
    public KnowledgeIndex Fresh()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && snapshot.Fingerprint == PackFingerprint.Of(_packDirectory))
        {
            return snapshot.Index;
        }

        lock (_gate)
        {
            // Another caller may have rebuilt while this one waited for the gate.
            snapshot = _snapshot;
            if (snapshot is not null && snapshot.Fingerprint == PackFingerprint.Of(_packDirectory))
            {
                return snapshot.Index;
            }

            return RebuildLocked(snapshot is null ? "first search" : "pack changed before a search").Index;
        }
    }

    /// <summary>Builds a new index from the pack now and swaps it in; throws when the pack cannot be read.</summary>
    public void Rebuild()
    {
        lock (_gate)
        {
            RebuildLocked("requested");
        }
    }

    /// <summary>Builds the first index and starts following the pack. Calling it again does nothing.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_loop is not null)
            {
                return;
            }

            _stopping = new CancellationTokenSource();
            _loop = RunAsync(_stopping.Token);
        }
    }

    /// <summary>Stops following the pack; the index in use stays searchable.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
            _stopping?.Cancel();
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
        Volatile.Read(ref _snapshot)?.Index.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Start returns at once; the first build and everything after it run on the thread pool. The watcher is
        // armed before the first build, so an edit made while it runs, or right after, is not missed.
        await Task.Yield();
        using var watcher = _useFileWatcher ? TryWatch() : null;
        TryRebuild("start");

        using var timer = new PeriodicTimer(_rescanInterval, _time);
        var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        var changed = _changes.Reader.WaitToReadAsync(cancellationToken).AsTask();
        try
        {
            while (true)
            {
                var woken = await Task.WhenAny(changed, tick);
                await woken;
                if (woken == changed)
                {
                    await SettleAsync(cancellationToken);
                    changed = _changes.Reader.WaitToReadAsync(cancellationToken).AsTask();
                    TryRebuild("pack changed");
                }
                else
                {
                    tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
                    var built = Volatile.Read(ref _snapshot)?.Fingerprint;
                    if (built != PackFingerprint.Of(_packDirectory))
                    {
                        TryRebuild("rescan found a change");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the loop ends quietly.
        }
    }

    // Waits until no change has arrived for one debounce delay, draining the signals as it goes.
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxDebounceRounds; round++)
        {
            while (_changes.Reader.TryRead(out _))
            {
            }

            await Task.Delay(_debounceDelay, _time, cancellationToken);
            if (!_changes.Reader.TryRead(out _))
            {
                return;
            }
        }
    }

    private void TryRebuild(string reason)
    {
        try
        {
            lock (_gate)
            {
                RebuildLocked(reason);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.RebuildFailed(_logger, reason, Generation, exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug here must not end hot update for the life of the process: logged, and the next change retries.
            Log.LoopFailed(_logger, exception);
        }
    }

    private Snapshot BuildFirst()
    {
        lock (_gate)
        {
            return _snapshot ?? RebuildLocked("first search");
        }
    }

    private Snapshot RebuildLocked(string reason)
    {
        // Taken before reading, so that an edit made while the index is built shows as a change at the next rescan.
        var fingerprint = PackFingerprint.Of(_packDirectory);
        var index = KnowledgeIndex.Build(_packDirectory);
        var next = new Snapshot(index, (_snapshot?.Generation ?? 0) + 1, fingerprint);
        Volatile.Write(ref _snapshot, next);

        Log.IndexBuilt(_logger, next.Generation, reason, index.PassageCount, index.FileCount,
            (long)index.BuildTime.TotalMilliseconds);
        return next;
    }

    private FileSystemWatcher? TryWatch()
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(_packDirectory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite |
                               NotifyFilters.Size,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnChanged;
            watcher.Error += OnError;
            watcher.EnableRaisingEvents = true;
            Log.Watching(_logger, _packDirectory, _rescanInterval);
            return watcher;
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or PlatformNotSupportedException)
        {
            // A missing pack folder, or the per-user limit on inotify instances reached: rescanning still finds changes.
            watcher?.Dispose();
            Log.WatchUnavailable(_logger, _packDirectory, _rescanInterval, exception);
            return null;
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => _changes.Writer.TryWrite(true);

    private void OnError(object sender, ErrorEventArgs e)
    {
        Log.WatcherOverflowed(_logger, e.GetException());
        _changes.Writer.TryWrite(true);
    }

    private sealed record Snapshot(KnowledgeIndex Index, long Generation, PackFingerprint Fingerprint);
}
