namespace Jiyul.Hub.Identity;

/// <summary>The body of <c>/api/auth/register</c> and <c>/api/auth/login</c>. Fields may be missing; handlers say which.</summary>
internal sealed record Credentials(string? Email, string? Password);
