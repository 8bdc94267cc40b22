namespace Jiyul.Hub.Data;

/// <summary>One turn of a conversation, the user's or the assistant's.</summary>
public sealed class Message
{
    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    public Conversation? Conversation { get; set; }

    /// <summary>Position in the conversation, from 1; unique within it.</summary>
    public int Sequence { get; set; }

    /// <summary><see cref="MessageRoles"/>.</summary>
    public required string Role { get; set; }

    public required string Content { get; set; }

    /// <summary><see cref="MessageStatuses"/>.</summary>
    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Files the user attached to this message (their ids and names at the time).</summary>
    public List<MessageAttachment> Attachments { get; } = [];
}

public static class MessageRoles
{
    public const string User = "user";
    public const string Assistant = "assistant";
}

public static class MessageStatuses
{
    /// <summary>Stored whole: a user's message, or a reply the model finished.</summary>
    public const string Complete = "complete";

    /// <summary>A reply still arriving.</summary>
    public const string Streaming = "streaming";

    /// <summary>A reply cut short (the cell died, the model failed, the hub stopped); it holds what arrived.</summary>
    public const string Incomplete = "incomplete";
}
