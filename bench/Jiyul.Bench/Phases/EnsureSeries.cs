using System.Diagnostics;
using Jiyul.Bench.Engine;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// Ensures one user after another, each alone, so that every figure is the time of one start with nothing else
/// competing for the engine or the cores; then splits each request at the engine's events for its container.
/// </summary>
internal static class EnsureSeries
{
    private static readonly TimeSpan s_markLag = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_markPoll = TimeSpan.FromMilliseconds(50);

    public static async Task<List<EnsureTiming>> RunAsync(
        BenchHub hub,
        IReadOnlyList<BenchUser> users,
        CancellationToken cancellationToken)
    {
        var timings = new List<EnsureTiming>(users.Count);
        foreach (var user in users)
        {
            var requestedAt = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            var answer = await hub.EnsureAsync(user, cancellationToken);
            timings.Add(new EnsureTiming(user, requestedAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, answer));
        }

        return timings;
    }

    public static LatencySample ToSample(IReadOnlyCollection<EnsureTiming> timings) => new(
        timings.Where(t => t.Answer.Succeeded).Select(t => t.Milliseconds),
        timings.Count(t => !t.Answer.Succeeded),
        TimeSpan.FromMilliseconds(timings.Sum(t => t.Milliseconds)),
        TimeSpan.Zero);

    /// <summary>
    /// Adds one row per segment: request → first mark, mark → next mark, …, last mark → answer. A request for which a
    /// mark is missing (the engine's event stream trails a little; a failed start may lack one) is left out.
    /// </summary>
    public static async Task AddBreakdownAsync(
        BenchResults results,
        string phase,
        IReadOnlyList<EnsureTiming> timings,
        IReadOnlyList<BreakdownMark> marks,
        CancellationToken cancellationToken)
    {
        var succeeded = timings.Where(t => t.Answer.Succeeded).ToList();
        for (var waited = TimeSpan.Zero; waited < s_markLag; waited += s_markPoll)
        {
            if (succeeded.All(t => marks.All(m => m.Find(t) is not null)))
            {
                break;
            }

            await Task.Delay(s_markPoll, cancellationToken);
        }

        var segments = Enumerable.Range(0, marks.Count + 1).Select(_ => new List<double>()).ToArray();
        var incomplete = 0;
        foreach (var timing in succeeded)
        {
            List<DateTimeOffset?> points = [timing.RequestedAt, .. marks.Select(m => m.Find(timing)), timing.AnsweredAt];
            if (points.Any(p => p is null))
            {
                incomplete++;
                continue;
            }

            for (var i = 0; i < segments.Length; i++)
            {
                segments[i].Add((points[i + 1]!.Value - points[i]!.Value).TotalMilliseconds);
            }
        }

        string[] labels = ["request", .. marks.Select(m => m.Label), "answer"];
        for (var i = 0; i < segments.Length; i++)
        {
            var sample = new LatencySample(segments[i], 0, TimeSpan.Zero, TimeSpan.Zero);
            var measure = $"↳ {labels[i]} → {labels[i + 1]}";
            results.Figures.Add(new FigureRow(phase, measure, 1, sample, ShowThroughput: false));
        }

        if (incomplete > 0)
        {
            results.Notes.Add(
                $"{phase}: {incomplete} of {succeeded.Count} requests lack a mark and are not in the breakdown.");
        }
    }

    /// <summary>The engine's event of that kind for the request's container.</summary>
    public static BreakdownMark EngineEvent(DockerEventRecorder events, string action) => new(
        $"engine '{action}' event",
        timing => events.First(ContainerOf(timing), action, timing.RequestedAt));

    /// <summary>The moment the cell's gateway created its socket.</summary>
    public static BreakdownMark SocketCreated(GatewaySocketWatcher sockets) => new(
        "gateway.sock created",
        timing => sockets.FirstCreated(timing.User.UidHash, timing.RequestedAt));

    private static string ContainerOf(EnsureTiming timing) => BenchDocker.ContainerName(timing.User.UidHash);
}
