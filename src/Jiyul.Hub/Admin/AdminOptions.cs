namespace Jiyul.Hub.Admin;

/// <summary>Who may use <c>/api/admin</c> (section <c>Admin</c>).</summary>
public sealed record AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// Uids, or email addresses (compared without regard to case), of the admins; empty (the default) means no admins.
    /// An email counts only as the sign-in vouches for it: an issuer's address marked unverified counts as none.
    /// </summary>
    public IReadOnlyList<string> Users { get; init; } = [];
}
