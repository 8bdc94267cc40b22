using System.Globalization;

namespace Jiyul.Bench.Reporting;

/// <summary>
/// How busy the host was: the kernel's load average and CPU counters, and this process's CPU time. Two readings,
/// at the start and the end of a run, tell how much of the machine the bench had: other work on a shared machine
/// (builds, say) shows as CPU busy outside this process beyond what the engine and the cells account for.
/// </summary>
internal sealed record HostLoad(double LoadAverage, long BusyTicks, long TotalTicks, TimeSpan ProcessCpu, DateTimeOffset At)
{
    public static HostLoad Read()
    {
        var load = double.NaN;
        if (File.Exists("/proc/loadavg")
            && File.ReadAllText("/proc/loadavg").Split(' ') is [var first, ..]
            && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            load = parsed;
        }

        long busy = 0, total = 0;
        var cpu = File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").FirstOrDefault() : null;
        if (cpu is not null && cpu.StartsWith("cpu ", StringComparison.Ordinal))
        {
            // user nice system idle iowait irq softirq steal …; idle and iowait are the idle ones.
            var fields = cpu.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            total = fields.Sum();
            busy = total - fields[3] - (fields.Length > 4 ? fields[4] : 0);
        }

        return new HostLoad(load, busy, total, Environment.CpuUsage.TotalTime, DateTimeOffset.UtcNow);
    }

    /// <summary>A sentence on the load between two readings.</summary>
    public static string Describe(HostLoad before, HostLoad after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var total = after.TotalTicks - before.TotalTicks;
        if (total <= 0)
        {
            return string.Create(
                CultureInfo.InvariantCulture, $"load average {before.LoadAverage:0.00} → {after.LoadAverage:0.00}");
        }

        var busy = (double)(after.BusyTicks - before.BusyTicks) / total;
        var capacity = (after.At - before.At).TotalSeconds * Environment.ProcessorCount;
        var mine = capacity > 0 ? (after.ProcessCpu - before.ProcessCpu).TotalSeconds / capacity : double.NaN;
        return string.Create(CultureInfo.InvariantCulture,
            $"load average (1 min) {before.LoadAverage:0.00} at the start, {after.LoadAverage:0.00} at the end; "
            + $"CPUs busy {Format.Percent(busy)} of the run: {Format.Percent(mine)} this process (hub and load generator), "
            + $"{Format.Percent(busy - mine)} everything else (engine, cells, and any other work on the machine)");
    }
}
