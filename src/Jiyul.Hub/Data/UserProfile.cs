namespace Jiyul.Hub.Data;

/// <summary>What a user tells their assistant about themselves; USER.md in the workspace is written from it.</summary>
public sealed class UserProfile
{
    /// <summary>The verified token's subject, whichever identity provider issued it.</summary>
    public required string Uid { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    /// <summary>BCP 47 language tag the user prefers answers in, such as <c>ko</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "ko";

    public string? About { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
