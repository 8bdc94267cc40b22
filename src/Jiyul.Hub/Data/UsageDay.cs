namespace Jiyul.Hub.Data;

/// <summary>Model tokens one user spent on one day (UTC), as the model egress counted them.</summary>
public sealed class UsageDay
{
    public required string OwnerUid { get; set; }

    public DateOnly Day { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public int Requests { get; set; }
}
