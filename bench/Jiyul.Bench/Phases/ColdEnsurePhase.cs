using System.Diagnostics;
using Jiyul.Bench.Engine;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Reporting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// Target 1: <c>POST /ensure</c> for users who have no container yet, from request to answer. One extra user goes
/// first and is left out of the figures: its start also pays for the hub's first Docker connection and for JIT.
/// </summary>
internal static class ColdEnsurePhase
{
    public const string Name = "1. Cold ensure";
    private const double GoalMs = 1000;

    /// <summary>Answers the users whose cells became ready.</summary>
    public static async Task<IReadOnlyList<BenchUser>> RunAsync(
        BenchHub hub,
        BenchUser warmUp,
        IReadOnlyList<BenchUser> users,
        DockerEventRecorder events,
        GatewaySocketWatcher sockets,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        results.Method.Add($"{Name}: one warm-up user first (excluded), then {users.Count} fresh users one after another, "
            + "each timed from sending POST /ensure to the end of the answer; no container of theirs existed. "
            + "Each request is split at the engine's 'create' and 'start' events for its container and at the moment its "
            + "gateway created gateway.sock (seen through inotify on the data directory).");

        var started = Stopwatch.GetTimestamp();
        var first = await hub.EnsureAsync(warmUp, cancellationToken);
        var firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!first.Succeeded)
        {
            results.Notes.Add($"{Name}: the first cell did not start ({first.Status}): {first.Problem}");
            results.Targets.Add(
                new TargetResult("1. Cold ensure p50", "≤ 1 s", $"no cell started ({first.Status})", false));
            return [];
        }

        results.Notes.Add($"{Name}: the warm-up user's ensure, the first after the hub started, took "
            + $"{Format.Ms(firstMs)} ms (not in the figures).");

        var timings = await EnsureSeries.RunAsync(hub, users, cancellationToken);
        var sample = EnsureSeries.ToSample(timings);
        results.Figures.Add(new FigureRow(Name, "POST /ensure, no container yet", 1, sample, ShowThroughput: false));
        await EnsureSeries.AddBreakdownAsync(
            results,
            Name,
            timings,
            [
                EnsureSeries.EngineEvent(events, "create"),
                EnsureSeries.EngineEvent(events, "start"),
                EnsureSeries.SocketCreated(sockets),
            ],
            cancellationToken);

        foreach (var failed in timings.Where(t => !t.Answer.Succeeded).Take(3))
        {
            results.Notes.Add($"{Name}: a start failed ({failed.Answer.Status}) after {Format.Ms(failed.Milliseconds)} ms: "
                + failed.Answer.Problem);
        }

        var p50 = sample.Percentile(50);
        results.Targets.Add(new TargetResult(
            "1. Cold ensure p50",
            "≤ 1 s",
            $"{Format.Ms(p50)} ms (n = {sample.Count}, {sample.Errors} failed)",
            sample.Count == 0 ? null : p50 <= GoalMs && sample.Errors == 0));

        return [.. timings.Where(t => t.Answer.Succeeded).Select(t => t.User)];
    }
}
