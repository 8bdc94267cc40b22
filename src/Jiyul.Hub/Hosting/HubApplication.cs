using System.Text.Json;
using Jiyul.Hub.Admin;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Conversations;
using Jiyul.Hub.Data;
using Jiyul.Hub.Files;
using Jiyul.Hub.Identity;
using Jiyul.Hub.Knowledge;
using Jiyul.Hub.Limits;
using Jiyul.Hub.Models;
using Jiyul.Hub.Profile;
using Jiyul.Hub.Proxy;
using Jiyul.Hub.Telemetry;
using Jiyul.Hub.Web;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Hosting;

/// <summary>
/// Composes the hub. <see cref="Create"/> is what <c>Program</c> runs; tests call it too, with their own
/// settings and services, so that they exercise the very pipeline that production serves.
/// </summary>
public static class HubApplication
{
    public const string DefaultUrl = "http://127.0.0.1:19200";

    /// <summary>Builds the hub; <paramref name="configure"/> may add settings or replace services (tests do).</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        AddServices(builder);
        configure?.Invoke(builder);

        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<HubOptions>().BindConfiguration(HubOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubOptions>, HubOptionsValidator>();
        services.AddSingleton<IValidateOptions<HubOptions>, ExposureValidator>();
        services.AddSingleton<HubPaths>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CellTokens>();

        builder.AddJiyulData();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // A request the hub could not read says why (for example, which parameter's JSON was malformed).
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Detail ??= bad.Message;
            }
        });
        services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        builder.AddJiyulForwardedHeaders();
        builder.AddJiyulOpenApi();
        builder.AddJiyulMetrics();
        builder.AddJiyulIdentity();
        builder.AddJiyulLimits();
        builder.AddJiyulCells();
        builder.AddJiyulProxy();
        builder.AddJiyulModels();
        builder.AddJiyulKnowledge();
        builder.AddJiyulConversations();
        builder.AddJiyulFiles();
        builder.AddJiyulProfile();
        builder.AddJiyulAdmin();
        builder.AddJiyulWebApp();

        services.AddHealthChecks()
            .AddDbContextCheck<HubDbContext>("database", tags: ["ready"])
            .AddCheck<DockerHealthCheck>("docker", tags: ["ready"]);
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseJiyulForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusCodeOf });
        app.UseStatusCodePages();

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseJiyulWebApp();

        app.MapHealthChecks("/health", new() { Predicate = _ => false })
            .WithName("Health")
            .WithMetadata(new DescribedRoute(ApiTags.Health, "The hub process is alive.",
                "Answers as soon as the process serves HTTP; it checks nothing else.", ["GET"])
            {
                Responses = [new(StatusCodes.Status200OK, "Alive: the body is the word Healthy.", "text/plain")],
            });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") })
            .WithName("Ready")
            .WithMetadata(new DescribedRoute(ApiTags.Health, "The hub is ready: its database and the Docker engine answer.",
                "For a load balancer or an orchestrator deciding whether to send traffic.", ["GET"])
            {
                Responses =
                [
                    new(StatusCodes.Status200OK, "Ready: the body is the word Healthy.", "text/plain"),
                    new(StatusCodes.Status503ServiceUnavailable, "Not ready: the body is the word Unhealthy.", "text/plain"),
                ],
            });

        app.MapJiyulOpenApi();
        app.MapJiyulMetrics();

        app.MapJiyulIdentity();
        app.MapJiyulCells();
        app.MapJiyulProxy();
        app.MapJiyulKnowledge();
        app.MapJiyulConversations();
        app.MapJiyulFiles();
        app.MapJiyulProfile();
        app.MapJiyulAdmin();
    }

    // Bad input is the client's mistake: it gets its own status and a reason, not a 500.
    private static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };
}
