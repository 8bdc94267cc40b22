namespace Jiyul.Hub.Conversations;

/// <summary>
/// A file of a turn sent to the cell: its id and name as the message recorded them, and its type while the file's
/// record still exists (null once the file expired and was swept; its copy in the workspace stays).
/// </summary>
internal sealed record TurnAttachment(Guid FileId, string Name, string? ContentType);
