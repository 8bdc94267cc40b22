using System.Diagnostics;
using Jiyul.Bench.Engine;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// Target 2: <c>POST /ensure</c> for a cell whose container exists but is stopped. The cells are stopped through
/// the engine, behind the hub's back, as a crash or an operator would; the hub learns of it only from its next probe.
/// </summary>
internal static class StoppedStartPhase
{
    public const string Name = "2. Stopped start";
    private const double GoalMs = 600;

    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(10);

    // The hub trusts a cell it saw ready for 2 s without probing it again (CellManager); an ensure sooner than that
    // after an outside stop would be answered from memory and measure nothing.
    private static readonly TimeSpan s_hubTrustWindow = TimeSpan.FromSeconds(2.5);

    /// <summary>Answers the users whose cells are ready again.</summary>
    public static async Task<IReadOnlyList<BenchUser>> RunAsync(
        BenchHub hub,
        BenchDocker docker,
        IReadOnlyList<BenchUser> users,
        DockerEventRecorder events,
        GatewaySocketWatcher sockets,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        results.Method.Add($"{Name}: each of the {users.Count} ready cells stopped through the Engine API (POST "
            + $"/containers/{{id}}/stop, {s_stopGrace.TotalSeconds:0} s grace), one after another; then a pause of "
            + $"{s_hubTrustWindow.TotalSeconds} s, since the hub trusts a cell it saw ready for 2 s without probing; then "
            + "POST /ensure for each, one after another, split at the engine's 'start' event and at the moment the "
            + "gateway created gateway.sock.");

        var stops = new List<double>(users.Count);
        foreach (var user in users)
        {
            var started = Stopwatch.GetTimestamp();
            await docker.StopAsync(BenchDocker.ContainerName(user.UidHash), s_stopGrace, cancellationToken);
            stops.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var stillRunning = 0;
        foreach (var user in users)
        {
            stillRunning += await docker.IsRunningAsync(BenchDocker.ContainerName(user.UidHash), cancellationToken) ? 1 : 0;
        }

        if (stillRunning > 0)
        {
            results.Notes.Add($"{Name}: {stillRunning} cells still ran after being stopped (restart policy?).");
        }

        results.Figures.Add(new FigureRow(Name, "engine stop of a ready cell (for reference)", 1,
            new LatencySample(stops, 0, TimeSpan.Zero, TimeSpan.Zero), ShowThroughput: false));

        await Task.Delay(s_hubTrustWindow, cancellationToken);

        var timings = await EnsureSeries.RunAsync(hub, users, cancellationToken);
        var sample = EnsureSeries.ToSample(timings);
        results.Figures.Add(new FigureRow(Name, "POST /ensure, container stopped", 1, sample, ShowThroughput: false));
        await EnsureSeries.AddBreakdownAsync(
            results,
            Name,
            timings,
            [EnsureSeries.EngineEvent(events, "start"), EnsureSeries.SocketCreated(sockets)],
            cancellationToken);

        foreach (var failed in timings.Where(t => !t.Answer.Succeeded).Take(3))
        {
            results.Notes.Add($"{Name}: a start failed ({failed.Answer.Status}) after {Format.Ms(failed.Milliseconds)} ms: "
                + failed.Answer.Problem);
        }

        var p50 = sample.Percentile(50);
        results.Targets.Add(new TargetResult(
            "2. Start of a stopped cell p50",
            "≤ 0.6 s",
            $"{Format.Ms(p50)} ms (n = {sample.Count}, {sample.Errors} failed)",
            sample.Count == 0 ? null : p50 <= GoalMs && sample.Errors == 0));

        return [.. timings.Where(t => t.Answer.Succeeded).Select(t => t.User)];
    }
}
