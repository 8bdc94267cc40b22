namespace Jiyul.Hub.Profile;

/// <summary>Body of <c>PUT /api/me</c>: the whole profile, replacing the stored one.</summary>
internal sealed record ProfileRequest(string? DisplayName, string? Language, string? About);
