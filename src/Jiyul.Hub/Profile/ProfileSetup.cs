namespace Jiyul.Hub.Profile;

/// <summary>The caller's own profile and usage: <c>/api/me</c>.</summary>
internal static class ProfileSetup
{
    public static void AddJiyulProfile(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<ProfileService>();

    public static void MapJiyulProfile(this WebApplication app)
    {
        var me = app.MapGroup("/api/me").RequireAuthorization();
        me.MapGet("", ProfileEndpoints.GetAsync)
            .WithName("GetProfile").WithSummary("The caller's profile: {displayName, language, about}.");
        me.MapPut("", ProfileEndpoints.PutAsync)
            .WithName("PutProfile").WithSummary("Replaces the caller's profile and rewrites USER.md in their workspace.");
        me.MapGet("/usage", ProfileEndpoints.UsageAsync)
            .WithName("GetUsage").WithSummary("The caller's model usage today and on recent days, and their daily budget.");
    }
}
