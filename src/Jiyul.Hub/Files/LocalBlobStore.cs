namespace Jiyul.Hub.Files;

/// <summary>
/// Blobs as files under one directory (<c>{uidHash}/{fileId}</c>). A put writes a temporary file beside its target
/// and renames it into place, so a reader never sees half a file and a failed put leaves nothing.
/// </summary>
internal sealed class LocalBlobStore : IBlobStore
{
    private const int BufferSize = 128 * 1024;

    public LocalBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string key)
    {
        BlobKeys.EnsureWellFormed(key);
        return Path.Combine(Root, key);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = PathOf(key);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);

        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        var moved = false;
        try
        {
            await using (var file = new FileStream(
                temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, BufferSize, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(temp, target, overwrite: false);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>
    /// Moves the file into place: a rename when the spool and the store share a file system (the default layout, both
    /// under the data directory), else a copy to a temporary name first, so that the final rename is atomic either way.
    /// </summary>
    public Task PutFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);

        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        var moved = false;
        try
        {
            File.Move(path, temp);
            File.Move(temp, target, overwrite: false);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                TryDelete(temp);
            }
        }

        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored for this owner: already gone.
        }

        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The put's own failure is what the caller needs to see; a stray temporary file is named so that no key
            // can ever match it.
        }
    }
}
