namespace Jiyul.Hub.Files;

/// <summary>
/// Where attachments' bytes live, by key. Keys are made by the hub from ids only (<see cref="BlobKeys"/>), never
/// from anything a user sent. A put is all or nothing: a failed or cancelled put leaves no blob behind.
/// </summary>
internal interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> (read to its end) under <paramref name="key"/>.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the complete file at <paramref name="path"/> under <paramref name="key"/>. The file is the caller's
    /// spooled upload: a store may move it rather than copy it (the local store does), so the caller must not use it
    /// afterwards, only delete it if it is still there.
    /// </summary>
    Task PutFileAsync(string key, string path, CancellationToken cancellationToken);

    /// <summary>The blob's bytes, to be disposed by the caller; null when there is no blob under the key.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the blob; a key with no blob is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether a blob is stored under the key.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}
