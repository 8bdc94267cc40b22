namespace Jiyul.Hub.Data;

/// <summary>An uploaded file. Its bytes live in the blob store under <see cref="StorageKey"/>.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public required string OwnerUid { get; set; }

    /// <summary>The user's file name after sanitising; shown to people, never used as a path or key.</summary>
    public required string Name { get; set; }

    /// <summary>Decided by sniffing the content, not by the name the client sent.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Where the blob store keeps the bytes; made by the hub from ids only.</summary>
    public required string StorageKey { get; set; }

    /// <summary>Hex SHA-256 of the content.</summary>
    public string? Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the sweeper deletes the blob and the record.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
