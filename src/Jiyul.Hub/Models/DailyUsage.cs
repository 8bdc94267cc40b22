namespace Jiyul.Hub.Models;

/// <summary>One user's model usage on one day (UTC).</summary>
internal sealed record DailyUsage(long Requests, long InputTokens, long OutputTokens)
{
    public DailyUsage Add(ModelUsage usage) =>
        new(Requests + 1, InputTokens + usage.InputTokens, OutputTokens + usage.OutputTokens);
}
