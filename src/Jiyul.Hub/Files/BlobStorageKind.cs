namespace Jiyul.Hub.Files;

/// <summary>Where attachments' bytes are kept.</summary>
public enum BlobStorageKind
{
    /// <summary>A directory on the hub's disk.</summary>
    Local,

    /// <summary>An S3-compatible service: Amazon S3, Cloudflare R2, MinIO.</summary>
    S3,
}
