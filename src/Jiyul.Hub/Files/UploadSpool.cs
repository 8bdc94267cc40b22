namespace Jiyul.Hub.Files;

/// <summary>
/// The directory uploads are streamed into before they are checked and stored (<c>{DataDirectory}/spool</c>). The
/// whole file must be seen before it is accepted (a DOCX is known only from its ZIP directory, at the end; text only
/// once every byte is UTF-8), so it waits here, on disk rather than in memory. Every spool file is deleted when its
/// request ends; the sweeper removes what a crash left behind.
/// </summary>
internal sealed class UploadSpool
{
    public UploadSpool(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string NewPath() => Path.Combine(Directory, $"{Guid.NewGuid():N}.upload");

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the sweeper, which removes spool files older than a day.
        }
    }

    /// <summary>
    /// Deletes spool files not written for <paramref name="age"/>; answers how many. File times come from the
    /// wall clock, so they are compared with the wall clock, not with the hub's (possibly fake) time.
    /// </summary>
    public int DeleteLeftovers(TimeSpan age)
    {
        var before = DateTime.UtcNow - age;
        var deleted = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.upload"))
        {
            if (File.GetLastWriteTimeUtc(path) < before)
            {
                Delete(path);
                deleted++;
            }
        }

        return deleted;
    }
}
