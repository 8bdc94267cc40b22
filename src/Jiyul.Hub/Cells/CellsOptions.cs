namespace Jiyul.Hub.Cells;

/// <summary>How cells are made and kept (section <c>Cells</c>).</summary>
public sealed record CellsOptions
{
    public const string SectionName = "Cells";

    /// <summary>Runtime of new cells: <c>agent</c> (the lean C# gateway) or <c>openclaw</c>.</summary>
    public string Runtime { get; init; } = CellRuntimes.Agent;

    /// <summary>Image per runtime, as a local tag.</summary>
    public Dictionary<string, string> Images { get; init; } = new(StringComparer.Ordinal)
    {
        [CellRuntimes.Agent] = "jiyul/agent:latest",
        [CellRuntimes.OpenClaw] = "jiyul/openclaw:latest",
    };

    /// <summary>Docker Engine endpoint.</summary>
    public string DockerEndpoint { get; init; } = "unix:///var/run/docker.sock";

    /// <summary>
    /// Value of the <c>jiyul.instance</c> label. A hub touches only containers that carry its own value,
    /// so two hubs (or a test run beside a running hub) can share one Docker engine.
    /// </summary>
    public string Instance { get; init; } = "default";

    /// <summary>User and group the cell runs as; workspace and run directories are given to it.</summary>
    public int CellUserId { get; init; } = 10001;

    public int CellGroupId { get; init; } = 10001;

    /// <summary>Memory limit per cell in bytes (default 2 GiB).</summary>
    public long MemoryBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>CPU limit per cell, in CPUs.</summary>
    public double Cpus { get; init; } = 2;

    /// <summary>Process limit per cell.</summary>
    public long PidsLimit { get; init; } = 512;

    /// <summary>Size of the cell's <c>/tmp</c> (tmpfs), in bytes.</summary>
    public long TmpfsBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Cells with no activity for this long are stopped (never removed).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the idle culler looks.</summary>
    public TimeSpan CullInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time a cell has to become ready after ensure starts it, per runtime; past it the cell is removed.</summary>
    public Dictionary<string, TimeSpan> StartTimeouts { get; init; } = new(StringComparer.Ordinal)
    {
        [CellRuntimes.Agent] = TimeSpan.FromSeconds(20),
        // Measured on a 2-CPU host: OpenClaw 2026.9.6 is ready 30-45 s after its container starts.
        [CellRuntimes.OpenClaw] = TimeSpan.FromSeconds(120),
    };

    /// <summary>Cell starts in flight at once, across all users; beyond it ensure answers 429.</summary>
    public int MaxConcurrentStarts { get; init; } = 8;

    /// <summary>How long a stop waits for the cell to drain before it is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <see cref="StopGrace"/> per runtime, where one differs. OpenClaw drains its runs on SIGTERM (an idle
    /// gateway stops in about 4 s); its own budget is minutes, so the bound here is what keeps an idle stop short.
    /// </summary>
    public Dictionary<string, TimeSpan> StopGraces { get; init; } = new(StringComparer.Ordinal)
    {
        [CellRuntimes.OpenClaw] = TimeSpan.FromSeconds(30),
    };

    /// <summary>The stop grace of a cell of <paramref name="runtime"/>.</summary>
    public TimeSpan StopGraceOf(string? runtime) =>
        runtime is not null && StopGraces.TryGetValue(runtime, out var grace) ? grace : StopGrace;
}
