using System.Diagnostics.Metrics;
using Jiyul.Hub.Cells;

namespace Jiyul.Hub.Telemetry;

/// <summary>
/// The hub's own instruments, all on the meter <see cref="MeterName"/>: how long cells take to start, what the proxy
/// answers, the tokens models use and what uploads bring in. Each is recorded where the thing happens; the number of
/// running cells is observed from the cell manager by <see cref="CellsRunningGauge"/>. Tags take a few known values
/// only (never a uid), so the number of series stays small however many users there are.
/// </summary>
internal sealed class HubMetrics
{
    public const string MeterName = "Jiyul.Hub";

    // A cell starts in tens of milliseconds (agent) to tens of seconds (OpenClaw), up to the start timeout.
    private static readonly double[] s_startBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 45, 60, 90, 120];

    private readonly Histogram<double> _cellStartDuration;
    private readonly Counter<long> _proxyRequests;
    private readonly Counter<long> _modelTokens;
    private readonly Counter<long> _uploads;
    private readonly Counter<long> _uploadBytes;

    public HubMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _cellStartDuration = Meter.CreateHistogram(
            "jiyul.cell.start.duration",
            unit: "s",
            description: "Time from the start of a cell until it was ready, failed or timed out.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_startBuckets });
        _proxyRequests = Meter.CreateCounter<long>(
            "jiyul.proxy.requests", unit: "{request}", description: "Requests the proxy answered, by class of status.");
        _modelTokens = Meter.CreateCounter<long>(
            "jiyul.model.tokens", unit: "{token}", description: "Tokens of completed model responses, by direction and provider.");
        _uploads = Meter.CreateCounter<long>(
            "jiyul.uploads", unit: "{upload}", description: "Uploads that ended, by outcome: stored, rejected or abandoned.");
        _uploadBytes = Meter.CreateCounter<long>(
            "jiyul.upload.size", unit: "By", description: "Bytes of the files that uploads stored.");
    }

    /// <summary>The meter every instrument of the hub is on; the cells gauge is added to it.</summary>
    public Meter Meter { get; }

    /// <summary>A start ended: ready ("ok"), failed or timed out; a refused start (<see cref="EnsureOutcome.Busy"/>) never began.</summary>
    public void CellStarted(string runtime, EnsureOutcome outcome, TimeSpan elapsed) =>
        _cellStartDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("runtime", runtime),
            new KeyValuePair<string, object?>("outcome", OutcomeName(outcome)));

    public void ProxyRequestEnded(int status) =>
        _proxyRequests.Add(1, new KeyValuePair<string, object?>("status_class", StatusClass(status)));

    public void ModelTokensUsed(string provider, long inputTokens, long outputTokens)
    {
        var from = new KeyValuePair<string, object?>("provider", provider);
        _modelTokens.Add(inputTokens, new KeyValuePair<string, object?>("direction", "input"), from);
        _modelTokens.Add(outputTokens, new KeyValuePair<string, object?>("direction", "output"), from);
    }

    public void UploadStored(long bytes)
    {
        _uploads.Add(1, new KeyValuePair<string, object?>("outcome", "stored"));
        _uploadBytes.Add(bytes);
    }

    public void UploadRejected() => _uploads.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));

    public void UploadAbandoned() => _uploads.Add(1, new KeyValuePair<string, object?>("outcome", "abandoned"));

    /// <summary>"2xx", "4xx" and so on; anything outside 100-599 is "other".</summary>
    public static string StatusClass(int status) => status switch
    {
        >= 100 and < 200 => "1xx",
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        >= 500 and < 600 => "5xx",
        _ => "other",
    };

    private static string OutcomeName(EnsureOutcome outcome) => outcome switch
    {
        EnsureOutcome.Ready => "ok",
        EnsureOutcome.TimedOut => "timeout",
        _ => "failed",
    };
}
