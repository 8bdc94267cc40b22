namespace Jiyul.Hub.Knowledge;

/// <summary>The <c>Knowledge</c> section: how the hub follows edits to the pack.</summary>
internal sealed record KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>Whether edits to the pack on disk rebuild the search index while the hub runs.</summary>
    public bool WatchForChanges { get; init; } = true;

    /// <summary>
    /// Whether a file watcher (one inotify instance) wakes the rebuild; without it, changes are found by the rescan
    /// alone, within <see cref="RescanInterval"/>.
    /// </summary>
    public bool UseFileWatcher { get; init; } = true;

    /// <summary>How long the pack must be quiet after a change before the index is rebuilt.</summary>
    public TimeSpan DebounceDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often the pack is compared with the index, in case the file watcher missed an event.</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many passages a search answers when the request does not say.</summary>
    public int DefaultResults { get; init; } = 5;

    /// <summary>The most passages a search answers; a larger <c>k</c> is cut to this.</summary>
    public int MaxResults { get; init; } = 20;
}
