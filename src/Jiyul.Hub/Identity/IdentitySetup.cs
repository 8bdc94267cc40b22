using Jiyul.Hub.Data;

namespace Jiyul.Hub.Identity;

/// <summary>Sign-in: local accounts (ASP.NET Core Identity), Firebase ID tokens and OIDC issuers.</summary>
internal static class IdentitySetup
{
    public static void AddJiyulIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorization();
        builder.Services.AddIdentityApiEndpoints<JiyulUser>()
            .AddEntityFrameworkStores<HubDbContext>();
    }

    public static void MapJiyulIdentity(this WebApplication app)
    {
        app.MapGroup("/api/auth").MapIdentityApi<JiyulUser>();
    }
}
