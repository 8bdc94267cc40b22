using System.Text.Json;
using Jiyul.Hub.Data;
using Jiyul.Hub.Files;

namespace Jiyul.Hub.Backup;

/// <summary>
/// <c>manifest.json</c> of a backup, written last: a directory without it is an unfinished backup and restore refuses it.
/// </summary>
internal sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public int Format { get; init; } = CurrentFormat;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The store's provider; a backup is restored onto the same kind of store.</summary>
    public DatabaseProvider Database { get; init; }

    /// <summary>The migrations applied to the store when it was copied; the newest tells which hub version wrote it.</summary>
    public IReadOnlyList<string> Migrations { get; init; } = [];

    /// <summary>Where file bytes lived. Only <c>Local</c> blobs are in the backup; an S3 bucket is backed up by its service.</summary>
    public BlobStorageKind Files { get; init; }

    public static BackupManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new BackupException($"{directory} has no {FileName}: it is not a backup, or its making did not finish.");
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), s_json)
            ?? throw new BackupException($"{path} is empty.");
        if (manifest.Format != CurrentFormat)
        {
            throw new BackupException($"{path} is format {manifest.Format}; this hub reads format {CurrentFormat}.");
        }

        return manifest;
    }

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, s_json));
}
