using Jiyul.Hub.Data;

namespace Jiyul.Hub.Conversations;

/// <summary>A message as the API answers it; <c>status</c> is one of <see cref="MessageStatuses"/>.</summary>
internal sealed record MessageAnswer(Guid Id, string Role, string Content, string Status, DateTimeOffset CreatedAt)
{
    public static MessageAnswer Of(Message m) => new(m.Id, m.Role, m.Content, m.Status, m.CreatedAt);
}
