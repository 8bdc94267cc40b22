namespace Jiyul.Hub.Telemetry;

/// <summary>Log messages of metrics and the API description (event ids 9000-9999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Metrics are served at /metrics to {Access}")]
    public static partial void MetricsServed(ILogger logger, string access);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Debug, Message = "A scrape of /metrics from {Address} was refused: {Why}")]
    public static partial void ScrapeRefused(ILogger logger, string? address, string why);
}
