using System.Globalization;
using System.Text;

namespace Jiyul.Bench.Reporting;

/// <summary>Writes a run's results as markdown: the file under bench/ and, the same text, the console.</summary>
internal static class ResultsWriter
{
    public static string ToMarkdown(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;

        md.AppendLine("# Jiyul benchmark results");
        md.AppendLine();
        var kind = results.Quick ? " in a quick run (`--quick`, small counts)" : "";
        md.AppendLine(culture, $"Written by the harness bench/Jiyul.Bench (`./jiyul bench`){kind}. Run of "
            + $"{results.StartedAt:yyyy-MM-dd HH:mm} UTC, {results.Duration.TotalSeconds:0} s from start to clean-up.");
        if (results.Aborted is not null)
        {
            md.AppendLine();
            md.AppendLine(culture, $"**The run stopped early:** {results.Aborted} "
                + $"The figures below are those of the phases that finished.");
        }

        md.AppendLine();
        WriteMachine(md, results);
        WriteTargets(md, results);
        WriteFigures(md, results);
        WriteOverheads(md, results);
        WriteMemory(md, results);
        WriteList(md, "Method", results.Method);
        WriteList(md, "Notes", results.Notes);
        if (results.Cleanup is not null)
        {
            md.AppendLine(culture, $"Clean-up: {results.Cleanup}");
        }

        return md.ToString();
    }

    private static void WriteMachine(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Machine");
        md.AppendLine();
        Row(md, "", "");
        Row(md, "---", "---");
        if (results.Machine is { } m)
        {
            Row(md, "Processors (nproc)", $"{m.Processors} ({m.CpuModel})");
            Row(md, "Memory", Format.GiB(m.MemoryBytes));
            Row(md, "OS", m.Os);
            Row(md, "Docker Engine", $"{m.Docker}, cgroup {m.Cgroup}");
            Row(md, ".NET", $"{m.DotNet}, server GC");
            Row(md, "Commit measured", m.Commit);
        }

        if (results.HostLoad is not null)
        {
            Row(md, "Host load during the run", results.HostLoad);
        }

        var image = results.ImageFacts is { } facts
            ? $"{Format.MB(facts.Size)} ({facts.Id[..Math.Min(19, facts.Id.Length)]})"
            : "not on this host";
        Row(md, $"Image {results.Image}", image);
        md.AppendLine();
    }

    private static void WriteTargets(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Targets");
        md.AppendLine();
        Row(md, "Target", "Goal", "Measured", "Result");
        Row(md, "---", "---", "---", "---");
        foreach (var t in results.Targets)
        {
            Row(md, t.Target, t.Goal, t.Measured, $"**{t.Verdict}**");
        }

        md.AppendLine();
    }

    private static void WriteFigures(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Figures");
        md.AppendLine();
        md.AppendLine("Latencies in milliseconds, from sending the request to the end of the answer; n counts successful "
            + "requests. CPU is that of this whole process (hub and load generator together) per request; it includes "
            + "the thread pool's spin-waiting, which weighs most when few requests are in flight. KB alloc/req is what "
            + "this process allocated per request; GC pause is the share of the run's wall time it spent paused for "
            + "garbage collection. A dash: not meaningful for that row (one start after another, or a paired run).");
        md.AppendLine();
        Row(md, "Phase", "Measure", "Clients", "n", "Failed", "p50", "p90", "p99", "Max", "req/s", "CPU µs/req",
            "KB alloc/req", "GC pause");
        Row(md, "---", "---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:");
        foreach (var row in results.Figures)
        {
            var s = row.Sample;
            var rate = row.ShowThroughput ? Format.Rate(s.Throughput) + (s.StoppedByBudget ? " (budget)" : "") : "–";
            Row(md,
                row.Phase,
                row.Measure,
                Format.Int(row.Concurrency),
                Format.Int(s.Count),
                Format.Int(s.Errors),
                Format.Ms(s.Percentile(50)),
                Format.Ms(s.Percentile(90)),
                Format.Ms(s.Percentile(99)),
                Format.Ms(s.Max),
                rate,
                Format.Int(s.CpuMicrosecondsPerRequest),
                Format.Kilobytes(s.AllocatedBytesPerRequest),
                Format.Percent(s.GcPauseShare));
        }

        md.AppendLine();
    }

    private static void WriteOverheads(StringBuilder md, BenchResults results)
    {
        if (results.Overheads.Count == 0)
        {
            return;
        }

        md.AppendLine("## Proxy overhead");
        md.AppendLine();
        md.AppendLine("Added = via hub − direct, at the same percentile. Hub CPU = this process's CPU per request via "
            + "the hub, less that per direct request (the load generator's share; the cell's CPU is outside this "
            + "process); it needs the concurrent rounds, so the paired one-client row has none.");
        md.AppendLine();
        Row(md, "Request", "Clients", "Direct p50", "Hub p50", "Added p50", "Direct p99", "Hub p99", "Added p99",
            "Direct req/s", "Hub req/s", "Ratio", "Hub CPU µs/req");
        Row(md, "---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:");
        foreach (var o in results.Overheads)
        {
            Row(md,
                o.Request,
                Format.Int(o.Concurrency),
                Format.Ms(o.Direct.Percentile(50)),
                Format.Ms(o.ViaHub.Percentile(50)),
                Format.Ms(o.AddedP50),
                Format.Ms(o.Direct.Percentile(99)),
                Format.Ms(o.ViaHub.Percentile(99)),
                Format.Ms(o.AddedP99),
                Format.Rate(o.Direct.Throughput),
                Format.Rate(o.ViaHub.Throughput),
                Format.Percent(o.ThroughputRatio),
                Format.Int(o.HubCpuMicrosecondsPerRequest));
        }

        md.AppendLine();
    }

    private static void WriteMemory(StringBuilder md, BenchResults results)
    {
        if (results.Memory.Count == 0)
        {
            return;
        }

        md.AppendLine("## Idle cell memory");
        md.AppendLine();
        Row(md, "Container", "Usage", "Page cache", "Usage − page cache", "Usage − inactive file (docker stats)",
            "Anonymous (RSS)");
        Row(md, "---", "--:", "--:", "--:", "--:", "--:");
        foreach (var m in results.Memory)
        {
            Row(md,
                m.Container[..Math.Min(18, m.Container.Length)] + "…",
                Format.MiB(m.Usage),
                Format.MiB(m.PageCache),
                $"**{Format.MiB(m.WithoutPageCache)}**",
                Format.MiB(m.AsDockerStatsShows),
                Format.MiB(m.Anonymous));
        }

        md.AppendLine();
    }

    private static void WriteList(StringBuilder md, string title, List<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        md.AppendLine();
        foreach (var item in items)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {item}");
        }

        md.AppendLine();
    }

    private static void Row(StringBuilder md, params string[] cells) =>
        md.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");
}
