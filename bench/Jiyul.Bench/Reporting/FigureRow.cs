using Jiyul.Bench.Load;

namespace Jiyul.Bench.Reporting;

/// <summary>One line of the figures table: what was measured, at which concurrency, and the sample.</summary>
/// <param name="Phase">The phase, as the targets name it.</param>
/// <param name="Measure">What was timed.</param>
/// <param name="Concurrency">Clients sending at once.</param>
/// <param name="Sample">The timings.</param>
/// <param name="ShowThroughput">False where requests per second mean nothing (one start after another).</param>
internal sealed record FigureRow(
    string Phase,
    string Measure,
    int Concurrency,
    LatencySample Sample,
    bool ShowThroughput = true);
