namespace Jiyul.Hub.Limits;

/// <summary>Per-user and per-address limits (section <c>Limits</c>). Zero turns a limit off.</summary>
public sealed record LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Replies one user may have streaming at once.</summary>
    public int ConcurrentChats { get; init; } = 2;

    /// <summary>Messages one user may post in a sliding minute.</summary>
    public int MessagesPerMinute { get; init; } = 20;

    /// <summary>Files one user may upload in a sliding minute.</summary>
    public int UploadsPerMinute { get; init; } = 10;

    /// <summary>
    /// Sign-in and registration attempts from one client address in a sliding minute (the address after trusted
    /// forwarded headers), against password guessing.
    /// </summary>
    public int SignInsPerMinute { get; init; } = 10;

    /// <summary>
    /// Model tokens (input and output together) one user may spend in a UTC day; 0 is no budget. Once spent, the
    /// model socket refuses the user's cell and posting a message is refused, until the next UTC day.
    /// </summary>
    public long DailyTokenBudget { get; init; }
}
