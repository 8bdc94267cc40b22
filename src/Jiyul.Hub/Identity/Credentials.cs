namespace Jiyul.Hub.Identity;

/// <summary>
/// The body of <c>/api/auth/register</c> and <c>/api/auth/login</c>; a missing field is the handlers' to report.
/// </summary>
internal sealed record Credentials(string? Email, string? Password);
