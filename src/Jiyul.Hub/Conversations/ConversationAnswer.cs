using Jiyul.Hub.Data;

namespace Jiyul.Hub.Conversations;

/// <summary>A conversation as the API answers it. An empty title means untitled: no message yet and no name given.</summary>
internal sealed record ConversationAnswer(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ConversationAnswer Of(Conversation c) => new(c.Id, c.Title, c.CreatedAt, c.UpdatedAt);
}
