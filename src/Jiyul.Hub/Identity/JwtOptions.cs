namespace Jiyul.Hub.Identity;

/// <summary>What Firebase and OIDC tokens have in common (section <c>Identity:Jwt</c>).</summary>
public sealed record JwtOptions
{
    /// <summary>Longest <c>sub</c> accepted. Firebase uids are at most 128 characters; the hub holds every issuer to it.</summary>
    public const int MaxSubjectLength = 128;

    /// <summary>
    /// A JWKS file (JSON Web Key Set) whose keys verify tokens instead of the keys the issuer publishes.
    /// With it the hub fetches nothing: for air-gapped hosts and for tests that mint their own tokens.
    /// A relative path is taken from the content root.
    /// </summary>
    public string? SigningKeysFile { get; init; }

    /// <summary>How far the hub's clock and the issuer's may disagree when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);
}
