namespace Jiyul.Bench.Load;

/// <summary>
/// Latencies of the requests that succeeded, sorted once, with the failures counted beside them, the wall time the
/// run took and the CPU time this process spent meanwhile. Percentiles are nearest-rank over the sorted array.
/// </summary>
internal sealed class LatencySample
{
    private readonly double[] _sorted;

    public LatencySample(
        IEnumerable<double> milliseconds,
        int errors,
        TimeSpan wall,
        TimeSpan cpu,
        bool stoppedByBudget = false)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        _sorted = [.. milliseconds];
        Array.Sort(_sorted);
        Errors = errors;
        Wall = wall;
        Cpu = cpu;
        StoppedByBudget = stoppedByBudget;
    }

    /// <summary>Bytes this whole process allocated while the sample ran.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Time this process spent paused for garbage collection while the sample ran.</summary>
    public TimeSpan GcPause { get; init; }

    public int Count => _sorted.Length;

    public int Errors { get; }

    public TimeSpan Wall { get; }

    /// <summary>CPU time of this whole process (hub and load generator alike) while the sample ran.</summary>
    public TimeSpan Cpu { get; }

    /// <summary>Whether the run hit its time budget before every request was sent.</summary>
    public bool StoppedByBudget { get; }

    public IReadOnlyList<double> Values => _sorted;

    public double Max => Count == 0 ? double.NaN : _sorted[^1];

    public double Mean => Count == 0 ? double.NaN : _sorted.Average();

    /// <summary>Successful requests per second of wall time.</summary>
    public double Throughput => Wall > TimeSpan.Zero ? Count / Wall.TotalSeconds : double.NaN;

    /// <summary>Whether the process's CPU, allocation and GC counters were read around this sample (not in paired runs).</summary>
    public bool HasProcessCounters => Cpu > TimeSpan.Zero;

    /// <summary>CPU microseconds this process spent per request sent (failures included).</summary>
    public double CpuMicrosecondsPerRequest =>
        !HasProcessCounters || Count + Errors == 0 ? double.NaN : Cpu.TotalMicroseconds / (Count + Errors);

    /// <summary>Bytes allocated by this process per request sent (failures included).</summary>
    public double AllocatedBytesPerRequest =>
        !HasProcessCounters || Count + Errors == 0 ? double.NaN : (double)AllocatedBytes / (Count + Errors);

    /// <summary>The share of the wall time this process spent paused for garbage collection.</summary>
    public double GcPauseShare => HasProcessCounters && Wall > TimeSpan.Zero ? GcPause / Wall : double.NaN;

    /// <summary>The smallest latency that at least <paramref name="percent"/> % of the requests did not exceed.</summary>
    public double Percentile(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * Count);
        return _sorted[Math.Clamp(rank - 1, 0, Count - 1)];
    }

    /// <summary>One sample of several runs of the same thing: latencies pooled, errors, wall and CPU time added.</summary>
    public static LatencySample Combine(IReadOnlyCollection<LatencySample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return new LatencySample(
            samples.SelectMany(s => s.Values),
            samples.Sum(s => s.Errors),
            TimeSpan.FromTicks(samples.Sum(s => s.Wall.Ticks)),
            TimeSpan.FromTicks(samples.Sum(s => s.Cpu.Ticks)),
            samples.Any(s => s.StoppedByBudget))
        {
            AllocatedBytes = samples.Sum(s => s.AllocatedBytes),
            GcPause = TimeSpan.FromTicks(samples.Sum(s => s.GcPause.Ticks)),
        };
    }
}
