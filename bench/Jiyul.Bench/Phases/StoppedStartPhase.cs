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

    private static readonly TimeSpan s_socketWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_socketPoll = TimeSpan.FromMilliseconds(5);

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
            + $"{s_hubTrustWindow.TotalSeconds} s, since the hub trusts a cell it saw ready for 2 s without probing; "
            + "then POST /ensure for each, one after another, split at the engine's 'start' event and at the moment the "
            + "gateway created gateway.sock. Then, as a reference without the hub, each cell stopped again and started "
            + "straight through the Engine API (POST /containers/{id}/start), timed to the API's answer and to the "
            + "gateway's socket.");

        var stops = await StopAllAsync(docker, users, results, cancellationToken);
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

        var ready = timings.Where(t => t.Answer.Succeeded).Select(t => t.User).ToList();
        await AddEngineReferenceAsync(docker, ready, sockets, results, cancellationToken);
        return ready;
    }

    private static async Task<List<double>> StopAllAsync(
        BenchDocker docker,
        IReadOnlyList<BenchUser> users,
        BenchResults results,
        CancellationToken cancellationToken)
    {
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
            var name = BenchDocker.ContainerName(user.UidHash);
            stillRunning += await docker.IsRunningAsync(name, cancellationToken) ? 1 : 0;
        }

        if (stillRunning > 0)
        {
            results.Notes.Add($"{Name}: {stillRunning} cells still ran after being stopped (restart policy?).");
        }

        return stops;
    }

    // What the engine and the agent take with no hub involved: the floor under the hub's stopped start. The cells
    // run again afterwards; the hub finds them ready at its next probe, as it would after any outside restart.
    private static async Task AddEngineReferenceAsync(
        BenchDocker docker,
        List<BenchUser> users,
        GatewaySocketWatcher sockets,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        await StopAllAsync(docker, users, results, cancellationToken);
        var calls = new List<double>(users.Count);
        var toSocket = new List<double>(users.Count);
        foreach (var user in users)
        {
            var requestedAt = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            await docker.StartAsync(BenchDocker.ContainerName(user.UidHash), cancellationToken);
            calls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            for (var waited = TimeSpan.Zero; waited < s_socketWait; waited += s_socketPoll)
            {
                if (sockets.FirstCreated(user.UidHash, requestedAt) is { } created)
                {
                    toSocket.Add((created - requestedAt).TotalMilliseconds);
                    break;
                }

                await Task.Delay(s_socketPoll, cancellationToken);
            }
        }

        var callSample = new LatencySample(calls, 0, TimeSpan.Zero, TimeSpan.Zero);
        var socketSample = new LatencySample(toSocket, users.Count - toSocket.Count, TimeSpan.Zero, TimeSpan.Zero);
        results.Figures.Add(new FigureRow(Name, "reference, no hub: engine start call", 1, callSample, ShowThroughput: false));
        results.Figures.Add(new FigureRow(
            Name, "reference, no hub: start call → gateway.sock created", 1, socketSample, ShowThroughput: false));
    }
}
