namespace Jiyul.Hub.Files;

/// <summary>Log messages of the files feature (event ids 6000-6999). No file name or content is ever logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information,
        Message = "File {FileId} stored for {UidHash}: {Size} bytes of {ContentType}")]
    public static partial void FileStored(ILogger logger, Guid fileId, string uidHash, long size, string contentType);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Upload from {UidHash} refused ({Status}): {Reason}")]
    public static partial void UploadRefused(ILogger logger, string uidHash, int status, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "File {FileId} of {UidHash} deleted")]
    public static partial void FileDeleted(ILogger logger, Guid fileId, string uidHash);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning,
        Message = "The blob of file {FileId} was stored but its record was not, and the blob could not be removed")]
    public static partial void OrphanBlobLeft(ILogger logger, Exception exception, Guid fileId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "File {FileId} has a record but no blob")]
    public static partial void BlobMissing(ILogger logger, Guid fileId);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "Client left during an upload from {UidHash} (499)")]
    public static partial void UploadAbandoned(ILogger logger, string uidHash);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Sweep removed {Count} expired files")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error, Message = "Sweep of expired files failed; the next round tries again")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "Removed {Count} upload spool files left by an earlier run")]
    public static partial void SpoolCleaned(ILogger logger, int count);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information,
        Message = "Attachment {FileId} staged in the workspace of {UidHash} (text extracted: {HasText})")]
    public static partial void AttachmentStaged(ILogger logger, Guid fileId, string uidHash, bool hasText);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Warning, Message = "No text could be extracted from attachment {FileId}")]
    public static partial void ExtractionFailed(ILogger logger, Exception exception, Guid fileId);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Warning,
        Message = "Could not give an attachment in {Directory} to the cell user {CellUserId}; the cell may not read it")]
    public static partial void ChownFailed(ILogger logger, Exception exception, string directory, int cellUserId);
}
