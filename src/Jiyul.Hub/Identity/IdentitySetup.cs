using Jiyul.Hub.Data;
using Jiyul.Hub.Limits;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Identity;

/// <summary>Sign-in: local accounts (ASP.NET Core Identity), Firebase ID tokens and OIDC issuers.</summary>
internal static class IdentitySetup
{
    public static void AddJiyulIdentity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<HubIdentityOptions>().BindConfiguration(HubIdentityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubIdentityOptions>, HubIdentityOptionsValidator>();
        services.AddSingleton<OfflineSigningKeys>();
        services.AddSingleton<BearerSchemeSelector>();

        // A fixed application name: the default comes from the content root, so moving the hub would void every token.
        services.AddDataProtection().SetApplicationName(DataProtectionKeysConfigurator.ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DataProtectionKeysConfigurator>();

        // Identity's core only: no cookies, so an API caller is never redirected to a login page.
        services.AddIdentityCore<JiyulUser>(identity => identity.User.RequireUniqueEmail = true)
            .AddEntityFrameworkStores<HubDbContext>()
            .AddSignInManager();

        // Every scheme is registered whatever the settings say, so that the set of schemes never depends on where the
        // settings came from; the selector forwards only to those that are on, and the others trust nothing.
        services.AddAuthentication(SignInSchemes.Default)
            .AddPolicyScheme(SignInSchemes.Default, "Bearer token", policy => policy.ForwardDefaultSelector =
                context => context.RequestServices.GetRequiredService<BearerSchemeSelector>().Select(context))
            .AddBearerToken(SignInSchemes.Local)
            .AddJwtBearer(SignInSchemes.Firebase)
            .AddJwtBearer(SignInSchemes.Oidc);

        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtSchemeConfigurator>();
        services.AddOptions<BearerTokenOptions>(SignInSchemes.Local)
            .Configure<IOptions<HubIdentityOptions>>((bearer, identity) =>
            {
                bearer.BearerTokenExpiration = identity.Value.LocalAccounts.AccessTokenLifetime;
                bearer.RefreshTokenExpiration = identity.Value.LocalAccounts.RefreshTokenLifetime;
            });
        services.AddOptions<BearerTokenOptions>(SignInSchemes.Local)
            .PostConfigure<TimeProvider>((bearer, time) => bearer.BearerTokenProtector = new VerifiedTicketCache(
                bearer.BearerTokenProtector ?? throw new InvalidOperationException("The bearer token protector is not set."), time));

        services.AddAuthorization();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, SignInRateLimiterPolicy>(RateLimitPolicies.SignIn));
    }

    public static void MapJiyulIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAuthEndpoints();
        app.MapPublicConfig();
    }
}
