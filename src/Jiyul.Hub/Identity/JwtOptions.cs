namespace Jiyul.Hub.Identity;

/// <summary>What Firebase and OIDC tokens have in common (section <c>Identity:Jwt</c>).</summary>
public sealed record JwtOptions
{
    /// <summary>
    /// Longest <c>sub</c> accepted: Firebase's bound on its uids, which the hub applies to every issuer.
    /// </summary>
    public const int MaxSubjectLength = 128;

    /// <summary>
    /// A JWKS file (JSON Web Key Set) whose keys verify tokens instead of the keys the issuer publishes.
    /// With it the hub fetches nothing: for air-gapped hosts and for tests that mint their own tokens.
    /// A relative path is taken from the content root. The file is read once at start-up: to rotate keys,
    /// replace it and restart.
    /// </summary>
    public string? SigningKeysFile { get; init; }

    /// <summary>
    /// How far the hub's clock and the issuer's may disagree on <c>exp</c>, <c>nbf</c> and <c>iat</c>.
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);
}
