using Jiyul.Hub.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Jiyul.Hub.Telemetry;

/// <summary>
/// Metrics through OpenTelemetry, served at <c>/metrics</c> in Prometheus text: the hub's own instruments
/// (<see cref="HubMetrics"/>), ASP.NET Core's (requests and their duration by route, Kestrel's connections) and the
/// .NET runtime's (garbage collection, thread pool, memory).
/// </summary>
internal static class MetricsSetup
{
    public const string Path = "/metrics";

    // Meters that .NET itself publishes; no instrumentation package is needed for them.
    private static readonly string[] s_platformMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    public static void AddJiyulMetrics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<HubMetrics>();
        services.AddHostedService<CellsRunningGauge>();

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("jiyul-hub"))
            .WithMetrics(metrics => metrics
                .AddMeter(HubMetrics.MeterName)
                .AddMeter(s_platformMeters)
                .AddPrometheusExporter());
    }

    public static void MapJiyulMetrics(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Access;
        if (access == MetricsAccess.Off)
        {
            return;
        }

        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, branch => branch.Use(MetricsGuard.InvokeAsync), optionsName: null)
            .WithName("Metrics")
            .WithMetadata(new DescribedRoute(ApiTags.Operations, "The hub's metrics in Prometheus text.",
                "Cells running, cell start durations by runtime and outcome, proxy requests by status class, model tokens "
                + "by direction and provider, uploads by outcome and their bytes, ASP.NET Core's request metrics and the "
                + ".NET runtime's. Who may read it is Metrics:Access: by default only a client on the hub's machine.", ["GET"])
            {
                Responses = [new(StatusCodes.Status200OK, "The metrics.", "text/plain; version=0.0.4")],
                Problems = new Dictionary<int, string>
                {
                    [StatusCodes.Status401Unauthorized] = "Metrics:Access is Token and the bearer token is missing or wrong.",
                    [StatusCodes.Status403Forbidden] = "Metrics:Access is Local and the request came from elsewhere.",
                },
            });

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsSetup));
        app.Lifetime.ApplicationStarted.Register(() => Log.MetricsServed(logger, access switch
        {
            MetricsAccess.Open => "anyone",
            MetricsAccess.Token => "holders of the metrics token",
            _ => "this machine only",
        }));
    }
}
