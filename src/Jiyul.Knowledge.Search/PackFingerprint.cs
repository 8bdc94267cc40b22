namespace Jiyul.Knowledge.Search;

/// <summary>
/// A cheap summary of a pack on disk: how many files and folders it has, their total size and the latest time any
/// of them was written. Any edit, addition, removal or rename changes it (a rename writes its folder), so comparing
/// two of them finds a change that the file watcher missed without reading a single file.
/// </summary>
internal readonly record struct PackFingerprint(int Entries, long Bytes, long LatestWriteTicks)
{
    /// <summary>What a pack that could not be scanned reads as; it differs from every scanned pack.</summary>
    public static PackFingerprint Unreadable { get; } = new(-1, -1, -1);

    public static PackFingerprint Of(string packDirectory)
    {
        var root = new DirectoryInfo(packDirectory);
        if (!root.Exists)
        {
            return new PackFingerprint(0, 0, 0);
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        try
        {
            var entries = 0;
            var bytes = 0L;
            var latest = root.LastWriteTimeUtc.Ticks;
            foreach (var entry in root.EnumerateFileSystemInfos("*", options))
            {
                entries++;
                latest = Math.Max(latest, entry.LastWriteTimeUtc.Ticks);
                if (entry is FileInfo file)
                {
                    bytes += file.Length;
                }
            }

            return new PackFingerprint(entries, bytes, latest);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Something vanished while being scanned: the pack is changing, which the next scan will see settled.
            return Unreadable;
        }
    }
}
