namespace Jiyul.Hub.Conversations;

/// <summary>Body of <c>POST /api/conversations/{id}/messages</c>: the text, and ids of uploaded files to attach.</summary>
internal sealed record PostMessageRequest(string? Content, IReadOnlyList<Guid>? Attachments);
