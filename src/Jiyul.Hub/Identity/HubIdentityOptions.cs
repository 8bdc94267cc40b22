namespace Jiyul.Hub.Identity;

/// <summary>
/// How people sign in to the hub (section <c>Identity</c>): local accounts, Firebase ID tokens, an OIDC issuer,
/// or several of them at once. At least one must be on.
/// </summary>
public sealed record HubIdentityOptions
{
    public const string SectionName = "Identity";

    public LocalAccountsOptions LocalAccounts { get; init; } = new();

    public FirebaseOptions Firebase { get; init; } = new();

    public OidcOptions Oidc { get; init; } = new();

    public JwtOptions Jwt { get; init; } = new();
}
