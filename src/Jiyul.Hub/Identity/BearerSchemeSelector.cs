using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jiyul.Hub.Identity;

/// <summary>
/// Picks the scheme that is to verify a request's bearer token. Choosing is not trusting: the chosen scheme
/// still checks everything, and a token sent to the wrong one is simply rejected.
/// </summary>
internal sealed class BearerSchemeSelector(IOptions<HubIdentityOptions> options)
{
    private const string BearerPrefix = "Bearer ";

    public string Select(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = options.Value;

        var token = BearerToken(context.Request);
        if (token is not null && LooksLikeJwt(token) && JwtSchemeFor(token, identity) is { } jwtScheme)
        {
            return jwtScheme;
        }

        // Everything else is the hub's own opaque token, or nothing at all; either way the scheme that answers
        // must be one that is on, so that its challenge is the one the client sees.
        if (identity.LocalAccounts.Enabled)
        {
            return SignInSchemes.Local;
        }

        return identity.Firebase.Enabled ? SignInSchemes.Firebase : SignInSchemes.Oidc;
    }

    private static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[BearerPrefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>A compact JWS has three segments; the hub's own tokens are base64url without any dot.</summary>
    private static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    private static string? JwtSchemeFor(string token, HubIdentityOptions identity)
    {
        if (identity.Firebase.Enabled && identity.Oidc.Enabled)
        {
            // Both are on: the unverified issuer only decides which scheme does the verifying.
            return string.Equals(UnverifiedIssuer(token), identity.Firebase.Issuer, StringComparison.Ordinal)
                ? SignInSchemes.Firebase
                : SignInSchemes.Oidc;
        }

        if (identity.Firebase.Enabled)
        {
            return SignInSchemes.Firebase;
        }

        return identity.Oidc.Enabled ? SignInSchemes.Oidc : null;
    }

    private static string? UnverifiedIssuer(string token)
    {
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }
}
