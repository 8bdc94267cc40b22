namespace Jiyul.Hub.Data;

/// <summary>A file a message refers to. The name is kept, so the history reads well after the file expires.</summary>
public sealed class MessageAttachment
{
    public Guid MessageId { get; set; }

    public Guid FileId { get; set; }

    public required string Name { get; set; }
}
