namespace Jiyul.Hub.Models;

/// <summary>One user's model usage on one day (UTC).</summary>
internal sealed record DailyUsage(long Requests, long InputTokens, long OutputTokens)
{
    public static DailyUsage Zero { get; } = new(0, 0, 0);

    /// <summary>Input and output tokens together: what a daily budget counts.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    public DailyUsage Add(ModelUsage usage) =>
        new(Requests + 1, InputTokens + usage.InputTokens, OutputTokens + usage.OutputTokens);

    public DailyUsage Add(DailyUsage other) =>
        new(Requests + other.Requests, InputTokens + other.InputTokens, OutputTokens + other.OutputTokens);
}
