namespace Jiyul.Hub.Profile;

/// <summary>
/// <c>GET /api/me/usage</c>: today, the budget (0: none) and what is left of it (null without a budget), and every day
/// of the range, newest first, days without usage included as zeros.
/// </summary>
internal sealed record UsageAnswer(UsageDayAnswer Today, long DailyTokenBudget, long? RemainingToday, IReadOnlyList<UsageDayAnswer> Days);
