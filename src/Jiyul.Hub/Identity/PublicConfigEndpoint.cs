using Jiyul.Hub.Hosting;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Identity;

/// <summary>
/// <c>GET /api/config</c>, anonymous: what a sign-in screen needs before anyone is signed in. It holds nothing
/// secret: Firebase's web settings are public by design (they name the project; the ID tokens prove who signed in).
/// </summary>
internal static class PublicConfigEndpoint
{
    public static void MapPublicConfig(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/config", Answer).AllowAnonymous().WithTags(ApiTags.Auth)
            .WithName("PublicConfig")
            .WithSummary("Anonymous: which sign-in methods are on, and Firebase's public web config when it is set.");

    private static PublicConfigAnswer Answer(IOptions<HubIdentityOptions> options, HttpContext context)
    {
        // Not kept by browsers or the service worker: a setting changed by a restart shows at the next load.
        context.Response.Headers.CacheControl = "no-cache";
        var identity = options.Value;
        var firebase = identity.Firebase;
        var web = firebase.Enabled && !string.IsNullOrWhiteSpace(firebase.ApiKey)
            ? new FirebaseWebConfig(
                firebase.ApiKey,
                string.IsNullOrWhiteSpace(firebase.AuthDomain) ? $"{firebase.ProjectId}.firebaseapp.com" : firebase.AuthDomain,
                firebase.ProjectId!,
                string.IsNullOrWhiteSpace(firebase.AppId) ? null : firebase.AppId)
            : null;

        var methods = new PublicSignInMethods(
            Local: identity.LocalAccounts.Enabled,
            Registration: identity.LocalAccounts.Enabled && identity.LocalAccounts.AllowRegistration,
            Firebase: web is not null,
            Oidc: identity.Oidc.Enabled);
        return new PublicConfigAnswer(methods, web);
    }
}
