using Microsoft.AspNetCore.Identity;

namespace Jiyul.Hub.Data;

/// <summary>A local account. Users signed in through Firebase or OIDC have no row here, only a profile.</summary>
public sealed class JiyulUser : IdentityUser;
