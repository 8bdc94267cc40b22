namespace Jiyul.Hub.Files;

/// <summary>
/// An S3-compatible bucket (section <c>Files:S3</c>). For Cloudflare R2: <c>ServiceUrl</c>
/// <c>https://&lt;account&gt;.r2.cloudflarestorage.com</c>, <c>Region</c> <c>auto</c>, and an R2 API token's key pair.
/// </summary>
public sealed record S3StorageOptions
{
    /// <summary>The service's endpoint, such as <c>https://s3.eu-west-1.amazonaws.com</c> or a MinIO address.</summary>
    public string? ServiceUrl { get; init; }

    public string? Bucket { get; init; }

    /// <summary>The region requests are signed for; <c>auto</c> for R2.</summary>
    public string Region { get; init; } = "us-east-1";

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>
    /// Addresses the bucket in the path (<c>{ServiceUrl}/{Bucket}/key</c>) rather than as a sub-domain; MinIO and most
    /// self-hosted services need it, R2 and S3 take either.
    /// </summary>
    public bool ForcePathStyle { get; init; } = true;
}
