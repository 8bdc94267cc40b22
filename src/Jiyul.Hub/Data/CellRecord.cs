namespace Jiyul.Hub.Data;

/// <summary>The hub's durable memory of a user's cell. The container itself is the truth about whether it runs.</summary>
public sealed class CellRecord
{
    /// <summary>See <c>UidHash</c>: the user's opaque name on the host.</summary>
    public required string UidHash { get; set; }

    public required string Uid { get; set; }

    /// <summary><c>agent</c> or <c>openclaw</c>.</summary>
    public required string Runtime { get; set; }

    /// <summary>The image the container was created from, as an image id.</summary>
    public string? ImageId { get; set; }

    /// <summary>Hash of the settings that shape the container; a different hash means re-create on next start.</summary>
    public string? SpecHash { get; set; }

    public string? ContainerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastStartedAt { get; set; }
}
