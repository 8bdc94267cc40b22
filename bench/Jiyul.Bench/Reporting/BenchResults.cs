using Jiyul.Bench.Engine;

namespace Jiyul.Bench.Reporting;

/// <summary>Everything a run found, filled in phase by phase and written out at the end, finished or not.</summary>
internal sealed class BenchResults
{
    public required DateTimeOffset StartedAt { get; init; }

    public required bool Quick { get; init; }

    public TimeSpan Duration { get; set; }

    public MachineFacts? Machine { get; set; }

    /// <summary>How busy the host was during the run, in a sentence.</summary>
    public string? HostLoad { get; set; }

    public string Image { get; set; } = "jiyul/agent:latest";

    /// <summary>Size in bytes and id of the agent image; null when it is not on this host.</summary>
    public (long Size, string Id)? ImageFacts { get; set; }

    public List<string> Method { get; } = [];

    public List<FigureRow> Figures { get; } = [];

    public List<OverheadRow> Overheads { get; } = [];

    public List<CellMemory> Memory { get; } = [];

    public List<TargetResult> Targets { get; } = [];

    /// <summary>What the figures mean and anything that went wrong, in sentences.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Set when the run stopped before its end; the figures are then those of the phases that finished.</summary>
    public string? Aborted { get; set; }

    public string? Cleanup { get; set; }
}
