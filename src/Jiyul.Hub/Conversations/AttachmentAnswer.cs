namespace Jiyul.Hub.Conversations;

/// <summary>A file a message refers to: its id (for <c>/api/files/{id}</c>, until it expires) and its name.</summary>
internal sealed record AttachmentAnswer(Guid Id, string Name);
