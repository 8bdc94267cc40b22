namespace Jiyul.Hub.Identity;

/// <summary>The body of <c>/api/auth/refresh</c>.</summary>
internal sealed record RefreshRequest(string? RefreshToken);
