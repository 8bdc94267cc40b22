namespace Jiyul.Hub.Files;

/// <summary>
/// A message referred to files the sender has not got: unknown ids, expired files and other users' files alike (the
/// exception does not tell them apart, so an answer built from it leaks nothing). The API answers it with 404 or 400.
/// </summary>
public sealed class AttachmentNotFoundException : Exception
{
    public AttachmentNotFoundException()
    {
        MissingIds = [];
    }

    public AttachmentNotFoundException(string message)
        : base(message)
    {
        MissingIds = [];
    }

    public AttachmentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        MissingIds = [];
    }

    public AttachmentNotFoundException(IReadOnlyList<Guid> missingIds)
        : base($"No file of yours has the id {string.Join(", ", missingIds ?? [])}; it may have expired or been deleted.")
    {
        MissingIds = missingIds ?? [];
    }

    /// <summary>The ids the sender has no file for.</summary>
    public IReadOnlyList<Guid> MissingIds { get; }
}
