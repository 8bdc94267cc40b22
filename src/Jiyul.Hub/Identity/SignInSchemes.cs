using Microsoft.AspNetCore.Identity;

namespace Jiyul.Hub.Identity;

/// <summary>The authentication schemes of the hub and the providers they stand for.</summary>
internal static class SignInSchemes
{
    /// <summary>The default scheme: it looks at the bearer token and forwards to one of the others.</summary>
    public const string Default = "Jiyul";

    /// <summary>The hub's own bearer tokens, issued to local accounts by <c>/api/auth/login</c>.</summary>
    public static string Local { get; } = IdentityConstants.BearerScheme;

    public const string Firebase = "Firebase";

    public const string Oidc = "Oidc";
}
