using Jiyul.Bench.Load;

namespace Jiyul.Bench.Reporting;

/// <summary>The same request sent through the hub and straight to the cell's socket, at one concurrency.</summary>
internal sealed record OverheadRow(string Request, int Concurrency, LatencySample Direct, LatencySample ViaHub)
{
    public double AddedP50 => ViaHub.Percentile(50) - Direct.Percentile(50);

    public double AddedP99 => ViaHub.Percentile(99) - Direct.Percentile(99);

    public double ThroughputRatio => ViaHub.Throughput / Direct.Throughput;

    /// <summary>CPU the hub spends per forwarded request: this process's CPU per request via the hub, less that of
    /// the direct path (which is the load generator's alone, the cell's CPU being outside this process).</summary>
    public double HubCpuMicrosecondsPerRequest => ViaHub.CpuMicrosecondsPerRequest - Direct.CpuMicrosecondsPerRequest;
}
