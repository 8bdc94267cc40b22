namespace Jiyul.Hub.Telemetry;

/// <summary>The Prometheus endpoint <c>/metrics</c> (section <c>Metrics</c>).</summary>
public sealed record MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Who may read <c>/metrics</c>; by default only a client on this machine.</summary>
    public MetricsAccess Access { get; init; } = MetricsAccess.Local;

    /// <summary>The bearer token a scraper presents when <see cref="Access"/> is <see cref="MetricsAccess.Token"/>.</summary>
    public string? Token { get; init; }
}
