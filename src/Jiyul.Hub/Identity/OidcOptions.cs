namespace Jiyul.Hub.Identity;

/// <summary>Access or ID tokens of any OpenID Connect issuer (section <c>Identity:Oidc</c>).</summary>
public sealed record OidcOptions
{
    /// <summary>
    /// The algorithms a token may be signed with unless <see cref="ValidAlgorithms"/> says otherwise.
    /// </summary>
    public static IReadOnlyList<string> DefaultAlgorithms { get; } = ["RS256", "ES256"];

    /// <summary>
    /// The issuer's base address, under which its metadata is at <c>/.well-known/openid-configuration</c>;
    /// empty turns OIDC off.
    /// </summary>
    public string? Authority { get; init; }

    /// <summary>The value tokens must carry in <c>aud</c>: the client or API id registered with the issuer.</summary>
    public string? Audience { get; init; }

    /// <summary>
    /// The value tokens must carry in <c>iss</c>, if it differs from <see cref="Authority"/> as written.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// Signing algorithms accepted; empty means <see cref="DefaultAlgorithms"/>. An array with no default of its own,
    /// because configuration binding appends to a collection's defaults instead of replacing them.
    /// </summary>
    public string[]? ValidAlgorithms { get; init; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public string EffectiveIssuer => string.IsNullOrWhiteSpace(Issuer) ? Authority ?? "" : Issuer;

    public IReadOnlyList<string> EffectiveAlgorithms =>
        ValidAlgorithms is { Length: > 0 } algorithms ? algorithms : DefaultAlgorithms;
}
