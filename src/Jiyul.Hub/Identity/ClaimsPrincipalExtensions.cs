using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Jiyul.Hub.Identity;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The prefix of an OIDC caller's uid, so that no issuer's subject can equal another provider's uid.</summary>
    public const string OidcUidPrefix = "oidc:";

    /// <summary>
    /// The caller's uid: the Identity user id of a local account (a GUID), a Firebase user's uid as Firebase gives
    /// it (the uid the reference deployment keys everything on), or <c>oidc:</c> and the OIDC token's <c>sub</c>.
    /// The prefix keeps an OIDC subject from ever naming a local or Firebase user; Firebase uids (assigned by the
    /// operator's own project) are left as they are. Each provider's principal is read only for its own claim, so a
    /// token cannot pass a uid off under another claim name. Null when the caller is not signed in.
    /// </summary>
    public static string? GetUid(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var provider = SignInProviders.Of(principal);
        var uid = provider switch
        {
            SignInProviders.Local => principal.FindFirstValue(ClaimTypes.NameIdentifier),
            SignInProviders.Firebase or SignInProviders.Oidc => principal.FindFirstValue(JwtRegisteredClaimNames.Sub),
            _ => null,
        };
        if (string.IsNullOrEmpty(uid))
        {
            return null;
        }

        return provider == SignInProviders.Oidc ? OidcUidPrefix + uid : uid;
    }

    /// <summary><c>local</c>, <c>firebase</c> or <c>oidc</c>; null when the caller is not signed in.</summary>
    public static string? GetProvider(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return SignInProviders.Of(principal);
    }

    /// <summary>
    /// The caller's email address, for display and for the profile; never a key to anything, since it can change hands.
    /// An address the issuer marks as unverified (<c>email_verified: false</c>) counts as none.
    /// </summary>
    public static string? GetEmail(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return SignInProviders.Of(principal) switch
        {
            SignInProviders.Local => principal.FindFirstValue(ClaimTypes.Email),
            SignInProviders.Firebase or SignInProviders.Oidc when !IsMarkedUnverified(principal) =>
                principal.FindFirstValue(JwtRegisteredClaimNames.Email),
            _ => null,
        };
    }

    private static bool IsMarkedUnverified(ClaimsPrincipal principal) =>
        string.Equals(principal.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase);
}
