namespace Jiyul.Hub.Data;

/// <summary>A thread of messages between a user and their assistant. Kept by the hub, so it outlives every cell.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }

    /// <summary>The verified subject of the user who owns it; every query filters on it.</summary>
    public required string OwnerUid { get; set; }

    public required string Title { get; set; }

    /// <summary>True once the user named it; a title taken from the first message is replaced no more.</summary>
    public bool TitleSetByUser { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed (a message, a rename); conversations are listed newest first by it.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last sequence number handed to a message, so that messages keep their order without gaps in time.</summary>
    public int LastSequence { get; set; }

    public List<Message> Messages { get; } = [];
}
