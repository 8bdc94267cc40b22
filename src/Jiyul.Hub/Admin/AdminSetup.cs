namespace Jiyul.Hub.Admin;

/// <summary>The admin API: <c>/api/admin</c>, for the uids and emails of <c>Admin:Users</c>.</summary>
internal static class AdminSetup
{
    public static void AddJiyulAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName)
            .Validate(o => o.Users.All(u => !string.IsNullOrWhiteSpace(u)), "Admin:Users holds a blank entry; give a uid or an email.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AdminAccess>();
    }

    public static void MapJiyulAdmin(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization().AddEndpointFilter<AdminAccess>();
        admin.MapGet("/cells", AdminEndpoints.CellsAsync)
            .WithName("AdminListCells").WithSummary("Every cell of this hub: owner, state, runtime, last activity, memory.");
        admin.MapPost("/cells/{uid}/stop", AdminEndpoints.StopAsync)
            .WithName("AdminStopCell").WithSummary("Stops a user's cell; its workspace stays and the next request starts it.");
        admin.MapGet("/usage", AdminEndpoints.UsageAsync)
            .WithName("AdminUsage").WithSummary("Model usage per user per UTC day over a range of days.");
    }
}
