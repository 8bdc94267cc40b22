namespace Jiyul.Hub.Files;

/// <summary>Attachments (section <c>Files</c>): how big, how long they are kept, and where their bytes live.</summary>
public sealed record FilesOptions
{
    public const string SectionName = "Files";

    /// <summary>25 MiB.</summary>
    public const long DefaultMaxSize = 25L * 1024 * 1024;

    /// <summary>The largest file one upload may carry, in bytes; a larger one is answered 413 and nothing is kept.</summary>
    public long MaxSize { get; init; } = DefaultMaxSize;

    /// <summary>How long a file is kept after its upload; the sweeper then deletes its bytes and its record.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often the sweeper looks for expired files.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Where the bytes live: <c>Local</c> (the default) or <c>S3</c> (any S3-compatible service).</summary>
    public BlobStorageKind Storage { get; init; } = BlobStorageKind.Local;

    /// <summary>For <c>Local</c>: the directory; empty means <c>{Hub:DataDirectory}/files</c>.</summary>
    public string? Directory { get; init; }

    /// <summary>For <c>S3</c>: the service, bucket and credentials.</summary>
    public S3StorageOptions S3 { get; init; } = new();

    /// <summary>The most files one page of <c>GET /api/files</c> holds (and its default size).</summary>
    public int PageSize { get; init; } = 50;
}
