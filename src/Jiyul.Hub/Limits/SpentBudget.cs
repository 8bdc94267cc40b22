using System.Globalization;

namespace Jiyul.Hub.Limits;

/// <summary>A daily token budget that is used up: how much, and when the next UTC day gives a fresh one.</summary>
internal sealed record SpentBudget(long Budget, long Spent, DateTimeOffset RenewsAt, TimeSpan UntilRenewal)
{
    /// <summary>Whole seconds until the budget renews, at least 1, for <c>Retry-After</c>.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(UntilRenewal.TotalSeconds));

    public string Message => string.Create(CultureInfo.InvariantCulture,
        $"The daily token budget of {Budget} tokens is spent ({Spent} used today, UTC); it renews at {RenewsAt:yyyy-MM-dd HH:mm} UTC.");
}
