using Jiyul.Hub.Cells.Docker;
using Jiyul.Hub.Cells.OpenClaw;
using Jiyul.Hub.Hosting;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells;

/// <summary>Per-user containers: ensure, readiness, idle stop, reconciliation.</summary>
internal static class CellsSetup
{
    public static void AddJiyulCells(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CellsOptions>().BindConfiguration(CellsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CellsOptions>, CellsOptionsValidator>();

        services.AddSingleton<DockerEngine>();
        services.AddSingleton<ICellRuntime, DockerCellRuntime>();
        services.AddSingleton<CellGateway>();
        services.AddSingleton<CellActivity>();
        services.AddSingleton<WorkspaceSeeder>();
        services.AddSingleton<ICellRuntimeProfile, AgentRuntimeProfile>();
        services.AddSingleton<ICellRuntimeProfile, OpenClawRuntimeProfile>();
        services.AddSingleton<CellRuntimeProfiles>();
        services.AddSingleton<CellManager>();
        services.AddSingleton<IdleCuller>();
        services.AddSingleton<CellReconciler>();

        // After the database migrator (added earlier), so that reconciliation can read the known users.
        services.AddHostedService(provider => provider.GetRequiredService<CellReconciler>());
        services.AddHostedService(provider => provider.GetRequiredService<IdleCuller>());
        services.AddHostedService<DockerEventWatcher>();
    }

    public static void MapJiyulCells(this WebApplication app)
    {
        app.MapPost("/ensure", EnsureEndpoint.HandleAsync)
            .RequireAuthorization()
            .WithTags(ApiTags.Cells)
            .WithName("Ensure")
            .WithSummary("Starts the caller's cell if needed and answers once it is ready.")
            .WithDescription("Never needed before using the proxy or posting a message, which start the cell themselves; "
                + "useful to warm the cell up while the user is still typing.")
            .ProblemMeans(StatusCodes.Status429TooManyRequests,
                "Too many cells are starting at once (reason starts-saturated); Retry-After says when to ask again.")
            .ProblemMeans(StatusCodes.Status503ServiceUnavailable,
                "The cell could not start (reason start-failed) or did not start in time (start-timeout); the detail says why.");
    }
}
