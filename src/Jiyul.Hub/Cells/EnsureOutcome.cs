namespace Jiyul.Hub.Cells;

internal enum EnsureOutcome
{
    /// <summary>The cell's gateway answers <c>/readyz</c>.</summary>
    Ready,

    /// <summary>Too many starts in flight; ask again after <see cref="EnsureResult.RetryAfter"/>.</summary>
    Busy,

    /// <summary>The cell could not be started; the reason says why. A half-started cell was removed.</summary>
    Failed,

    /// <summary>The cell did not become ready within the start timeout; it was removed.</summary>
    TimedOut,
}
