using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Jiyul.Hub.Identity;

/// <summary>
/// Who vouched for a caller, as <c>whoami</c> reports it. It is read from the authentication type of the
/// verified identity, which the hub sets itself; no claim in a token can change it.
/// </summary>
internal static class SignInProviders
{
    public const string Local = "local";

    public const string Firebase = "firebase";

    public const string Oidc = "oidc";

    /// <summary>Authentication types the JWT schemes give their identities; local ones carry Identity's own.</summary>
    public const string FirebaseAuthenticationType = "Jiyul.Firebase";

    public const string OidcAuthenticationType = "Jiyul.Oidc";

    public static string? Of(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, AuthenticationType: { } type })
        {
            return null;
        }

        if (type == IdentityConstants.ApplicationScheme)
        {
            return Local;
        }

        return type switch
        {
            FirebaseAuthenticationType => Firebase,
            OidcAuthenticationType => Oidc,
            _ => null,
        };
    }
}
