namespace Jiyul.Hub.Admin;

/// <summary><c>GET /api/admin/usage</c>: every user's usage on every day of the range that has any, newest day first.</summary>
internal sealed record AdminUsageAnswer(DateOnly From, DateOnly To, IReadOnlyList<AdminUsageItem> Items);

/// <summary>One user's model usage on one UTC day.</summary>
internal sealed record AdminUsageItem(
    string Uid,
    string? Email,
    DateOnly Day,
    long Requests,
    long InputTokens,
    long OutputTokens,
    long TotalTokens);
