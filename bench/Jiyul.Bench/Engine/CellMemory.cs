namespace Jiyul.Bench.Engine;

/// <summary>
/// Memory of one container from the engine's stats. Keys differ between cgroup v1 (<c>total_cache</c>,
/// <c>total_inactive_file</c>, <c>total_rss</c>) and v2 (<c>file</c>, <c>inactive_file</c>, <c>anon</c>); whichever
/// the host has is used.
/// </summary>
internal sealed record CellMemory(string Container, ulong Usage, ulong? PageCache, ulong? InactiveFile, ulong? Anonymous)
{
    /// <summary>Usage without the page cache: what the cell's processes hold. The figure the target is judged on.</summary>
    public ulong? WithoutPageCache => PageCache is { } cache && cache <= Usage ? Usage - cache : null;

    /// <summary>Usage without inactive file pages: what <c>docker stats</c> shows.</summary>
    public ulong? AsDockerStatsShows => InactiveFile is { } inactive && inactive <= Usage ? Usage - inactive : null;

    public static CellMemory From(string container, ulong usage, IDictionary<string, ulong>? stats)
    {
        return new CellMemory(
            container,
            usage,
            First(stats, "total_cache", "cache", "file"),
            First(stats, "total_inactive_file", "inactive_file"),
            First(stats, "total_rss", "rss", "anon"));
    }

    private static ulong? First(IDictionary<string, ulong>? stats, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (stats is not null && stats.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
