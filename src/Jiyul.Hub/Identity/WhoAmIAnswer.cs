namespace Jiyul.Hub.Identity;

/// <summary>What <c>/api/auth/whoami</c> answers: the caller's uid, email address and provider.</summary>
internal sealed record WhoAmIAnswer(string Uid, string? Email, string Provider);
