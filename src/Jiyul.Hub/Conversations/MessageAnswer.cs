using Jiyul.Hub.Data;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// A message as the API answers it; <c>status</c> is one of <see cref="MessageStatuses"/>. <c>attachments</c> lists the
/// files the user attached (by id and the name they had then), empty for a reply.
/// </summary>
internal sealed record MessageAnswer(
    Guid Id,
    string Role,
    string Content,
    string Status,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AttachmentAnswer> Attachments)
{
    /// <summary>The message with the attachments it has loaded (none when they were not loaded).</summary>
    public static MessageAnswer Of(Message m) =>
        new(m.Id, m.Role, m.Content, m.Status, m.CreatedAt, [.. m.Attachments.Select(a => new AttachmentAnswer(a.FileId, a.Name))]);
}
