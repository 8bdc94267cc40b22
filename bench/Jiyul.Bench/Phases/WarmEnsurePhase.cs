using Jiyul.Bench.Hosting;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// Target 3: <c>POST /ensure</c> for cells that are ready, from many clients at once. Client <c>i</c> speaks for
/// user <c>i mod n</c>, so every ready cell is asked for and the hub's 2-second re-probe of each cell happens as it
/// would. Two reference requests run the same way first, to show where an ensure's time goes: <c>GET /health</c>
/// (the pipeline alone) and <c>GET /api/auth/whoami</c> (the pipeline and bearer-token authentication).
/// </summary>
internal static class WarmEnsurePhase
{
    public const string Name = "3. Warm ensure";
    private const double GoalP99Ms = 5;
    private const int WarmUpPerClient = 60;

    public static async Task RunAsync(
        BenchHub hub,
        IReadOnlyList<BenchUser> users,
        BenchOptions options,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        var clients = options.WarmClients;
        results.Method.Add(Describe(users.Count, options));

        string TokenOf(int client) => users[client % users.Count].AccessToken;
        Task<bool> HealthAsync(int client, CancellationToken token) =>
            SucceededAsync(hub.SendAsync(HttpMethod.Get, "/health", null, token));
        Task<bool> WhoAmIAsync(int client, CancellationToken token) =>
            SucceededAsync(hub.SendAsync(HttpMethod.Get, "/api/auth/whoami", TokenOf(client), token));
        Task<bool> EnsureAsync(int client, CancellationToken token) =>
            SucceededAsync(hub.SendAsync(HttpMethod.Post, "/ensure", TokenOf(client), token));

        // Every kind is warmed up before any is measured, so that the later kinds do not gain from the earlier
        // ones' warm-up (JIT tiering of the shared pipeline) while the first pays for it.
        foreach (var sendAsync in new Func<int, CancellationToken, Task<bool>>[] { HealthAsync, WhoAmIAsync, EnsureAsync })
        {
            await LoadGenerator.RunAsync(clients, WarmUpPerClient, options.LoadBudget, sendAsync, cancellationToken);
        }

        await MeasureAsync("GET /health (reference: no authentication)", HealthAsync, options, results, cancellationToken);
        await MeasureAsync(
            "GET /api/auth/whoami (reference: authentication only)", WhoAmIAsync, options, results, cancellationToken);
        var concurrent = await MeasureAsync("POST /ensure, cell ready", EnsureAsync, options, results, cancellationToken);

        // The closed loop above saturates the cores, so its latency is mostly queueing; a steady rate well below
        // saturation shows what a client waits when the hub is busy but not overrun.
        var rate = clients / options.WarmPace.TotalSeconds;
        var paced = await LoadGenerator.RunAsync(
            clients,
            options.WarmPacedRequestsPerClient,
            options.LoadBudget,
            EnsureAsync,
            cancellationToken,
            options.WarmPace);
        var pacedMeasure = $"POST /ensure, cell ready, paced at {Format.Rate(rate)} req/s";
        results.Figures.Add(new FigureRow(Name, pacedMeasure, clients, paced));

        var p99 = concurrent.Percentile(99);
        results.Targets.Add(new TargetResult(
            $"3. Warm ensure p99 at {clients} concurrent clients",
            "≤ 5 ms",
            $"{Format.Ms(p99)} ms (p50 {Format.Ms(concurrent.Percentile(50))} ms, "
                + $"{Format.Rate(concurrent.Throughput)} req/s, n = {concurrent.Count}, {concurrent.Errors} failed)",
            concurrent.Count == 0 ? null : p99 <= GoalP99Ms && concurrent.Errors == 0));

        if (concurrent.Count > 0)
        {
            results.Notes.Add(Explain(clients, concurrent, rate, paced));
        }
    }

    /// <returns>The concurrent sample.</returns>
    private static async Task<LatencySample> MeasureAsync(
        string measure,
        Func<int, CancellationToken, Task<bool>> sendAsync,
        BenchOptions options,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        var clients = options.WarmClients;
        var budget = options.LoadBudget;
        var sequential = await LoadGenerator.RunAsync(
            1, options.WarmSequentialRequests, budget, sendAsync, cancellationToken);
        var concurrent = await LoadGenerator.RunAsync(
            clients, options.WarmRequestsPerClient, budget, sendAsync, cancellationToken);

        results.Figures.Add(new FigureRow(Name, measure, 1, sequential));
        results.Figures.Add(new FigureRow(Name, measure, clients, concurrent));
        return concurrent;
    }

    private static string Describe(int cells, BenchOptions options)
    {
        var clients = options.WarmClients;
        return $"{Name}: the {cells} ready cells ensured again over HTTP/1.1 keep-alive connections, client i for "
            + $"user i mod {cells}; first a warm-up of {clients} × {WarmUpPerClient} of each kind of request (discarded), "
            + $"then 1 client × {options.WarmSequentialRequests} sequential requests, then {clients} clients × "
            + $"{options.WarmRequestsPerClient} requests, each client sending its next request as soon as the last is "
            + $"answered (closed loop); at most {options.LoadBudget.TotalSeconds:0} s per run. GET /health (no "
            + "authentication) and GET /api/auth/whoami (authentication, no cell) run the same way as references. "
            + $"Last, a paced run: each of the {clients} clients sends one ensure every "
            + $"{options.WarmPace.TotalMilliseconds:0} ms ({options.WarmPacedRequestsPerClient} each), a steady "
            + $"{clients / options.WarmPace.TotalSeconds:0} req/s.";
    }

    // Little's law: with a fixed number of requests always in flight, mean latency is that number over throughput.
    private static string Explain(int clients, LatencySample concurrent, double rate, LatencySample paced)
    {
        var needed = clients / (GoalP99Ms / 1000);
        var cpu = concurrent.CpuMicrosecondsPerRequest;
        var ceiling = Environment.ProcessorCount * 1_000_000 / cpu;
        return $"{Name}: {clients} clients keep {clients} requests in flight, so the mean latency is {clients} / "
            + $"throughput = {Format.Ms(clients / concurrent.Throughput * 1000)} ms (measured mean "
            + $"{Format.Ms(concurrent.Mean)} ms); even the mean stays under 5 ms only above {Format.Rate(needed)} req/s. "
            + $"This process (hub and load generator together) spent {Format.Int(cpu)} µs of CPU per ensure; "
            + $"{Environment.ProcessorCount} cores allow at most {Format.Rate(ceiling)} req/s at that cost. At a steady "
            + $"{Format.Rate(rate)} req/s from the same {clients} clients the p99 is {Format.Ms(paced.Percentile(99))} ms "
            + $"(p50 {Format.Ms(paced.Percentile(50))} ms). The target is judged on the closed loop.";
    }

    private static async Task<bool> SucceededAsync(Task<HttpAnswer> answer) => (await answer).Succeeded;
}
