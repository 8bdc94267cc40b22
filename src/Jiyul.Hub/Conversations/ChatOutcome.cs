namespace Jiyul.Hub.Conversations;

/// <summary>How a cell's streamed reply ended; a reply that broke off says why, in a reason and a sentence.</summary>
internal sealed record ChatOutcome(bool Completed, string? Reason = null, string? Detail = null)
{
    public static readonly ChatOutcome Complete = new(true);

    public static ChatOutcome Broken(string reason, string detail) => new(false, reason, detail);
}
