using System.Security.Claims;

namespace Jiyul.Hub.Identity;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's uid: the verified token's subject, never anything the request body says.</summary>
    public static string? GetUid(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
}
