namespace Jiyul.Hub.Files;

/// <summary>
/// An upload that passed every check, spooled to a file of the hub's own; disposing it deletes the spool file,
/// whether or not the upload was stored.
/// </summary>
internal sealed class ReceivedFile(string spoolPath, string name, FileType type, long size, string sha256) : IDisposable
{
    public string SpoolPath { get; } = spoolPath;

    /// <summary>The sanitised name, with the extension of its sniffed type.</summary>
    public string Name { get; } = name;

    public FileType Type { get; } = type;

    public long Size { get; } = size;

    /// <summary>Hex SHA-256 of the content.</summary>
    public string Sha256 { get; } = sha256;

    public void Dispose() => UploadSpool.Delete(SpoolPath);
}
