using Jiyul.Hub.Data;

namespace Jiyul.Hub.Profile;

/// <summary>Model usage of one UTC day: requests answered and tokens in, out and together.</summary>
internal sealed record UsageDayAnswer(DateOnly Day, long Requests, long InputTokens, long OutputTokens, long TotalTokens)
{
    public static UsageDayAnswer Empty(DateOnly day) => new(day, 0, 0, 0, 0);

    public static UsageDayAnswer Of(UsageDay usage) =>
        new(usage.Day, usage.Requests, usage.InputTokens, usage.OutputTokens, usage.InputTokens + usage.OutputTokens);
}
