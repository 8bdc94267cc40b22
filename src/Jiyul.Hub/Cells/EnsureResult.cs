namespace Jiyul.Hub.Cells;

/// <summary>How an ensure ended; expected outcomes are values, not exceptions.</summary>
internal sealed record EnsureResult(EnsureOutcome Outcome, string UidHash, string Runtime, string? Reason = null)
{
    /// <summary>How long a refused caller should wait before asking again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public bool IsReady => Outcome == EnsureOutcome.Ready;
}
