namespace Jiyul.Bench.Phases;

/// <summary>A moment inside an ensure at which its time is split, and how to find it for one request.</summary>
internal sealed record BreakdownMark(string Label, Func<EnsureTiming, DateTimeOffset?> Find);
