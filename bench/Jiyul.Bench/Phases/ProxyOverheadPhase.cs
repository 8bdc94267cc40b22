using System.Text;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// Target 4: what the hub adds to a request. The same request goes (a) to the hub's <c>/proxy/{uid}/v1/…</c> over
/// TCP loopback with the user's token, and (b) straight to the cell's <c>gateway.sock</c> with the cell token, in
/// the same run and at the same concurrency. Latency is measured with the two paths alternating request by request;
/// throughput in rounds that take turns, so that any drift of the machine falls on both alike.
/// </summary>
internal static class ProxyOverheadPhase
{
    public const string Name = "4. Proxy overhead";
    private const double GoalAddedP50Ms = 0.5;
    private const double GoalAddedP99Ms = 2;
    private const double GoalThroughputRatio = 0.6;
    private const int WarmUpRequests = 300;

    private static readonly GatewayRequest s_models = new("GET v1/models", HttpMethod.Get, "models", null);

    private static readonly GatewayRequest s_chat = new(
        "POST v1/chat/completions (non-stream)",
        HttpMethod.Post,
        "chat/completions",
        Encoding.UTF8.GetBytes(
            """{"model":"jiyul","stream":false,"max_tokens":16,"messages":[{"role":"user","content":"ping"}]}"""));

    public static async Task RunAsync(
        BenchHub hub,
        BenchUser user,
        BenchOptions options,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        using var direct = CellSocketClient.Create(hub.GatewaySocket(user), 512);
        var paths = new Paths(hub, direct, user, hub.CellToken(user));
        results.Method.Add(Describe(options));

        var modelsDirect = await paths.SendDirectAsync(s_models, cancellationToken);
        var modelsViaHub = await paths.SendViaHubAsync(s_models, cancellationToken);
        if (!modelsDirect.Succeeded || !modelsViaHub.Succeeded)
        {
            results.Notes.Add($"{Name}: GET v1/models failed (direct {modelsDirect.Status}, via hub "
                + $"{modelsViaHub.Status}): {modelsDirect.Problem ?? modelsViaHub.Problem}");
            AddTargets(results, null);
            return;
        }

        var models = await MeasureAsync(paths, s_models, options, 1, results, cancellationToken);
        AddTargets(results, models);

        var chatDirect = await paths.SendDirectAsync(s_chat, cancellationToken);
        var chatViaHub = await paths.SendViaHubAsync(s_chat, cancellationToken);
        if (chatDirect.Succeeded && chatViaHub.Succeeded)
        {
            // A chat goes on to the model behind the cell; a quarter of the count keeps the run within its minutes.
            await MeasureAsync(paths, s_chat, options, 4, results, cancellationToken);
        }
        else
        {
            results.Notes.Add($"{Name}: a small non-stream POST v1/chat/completions answered {chatDirect.Status} "
                + $"straight from the cell and {chatViaHub.Status} through the hub, so only GET v1/models was measured. "
                + $"The cell said: {chatDirect.Problem ?? chatViaHub.Problem}");
        }
    }

    /// <returns>The sequential row and the concurrent row.</returns>
    private static async Task<(OverheadRow Sequential, OverheadRow Concurrent)> MeasureAsync(
        Paths paths,
        GatewayRequest request,
        BenchOptions options,
        int divisor,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        var budget = options.LoadBudget / (options.ProxyRounds * 2);
        Task<bool> DirectAsync(int _, CancellationToken token) => SucceededAsync(paths.SendDirectAsync(request, token));
        Task<bool> ViaHubAsync(int _, CancellationToken token) => SucceededAsync(paths.SendViaHubAsync(request, token));

        await LoadGenerator.RunAsync(1, WarmUpRequests / divisor, options.LoadBudget, DirectAsync, cancellationToken);
        await LoadGenerator.RunAsync(1, WarmUpRequests / divisor, options.LoadBudget, ViaHubAsync, cancellationToken);

        var clients = options.ProxyConcurrentClients;
        var pairs = Math.Max(1, options.ProxySequentialPerRound / divisor);
        var perClient = Math.Max(1, options.ProxyConcurrentPerClientPerRound / divisor);
        List<LatencySample> directSequential = [], hubSequential = [], directConcurrent = [], hubConcurrent = [];
        for (var round = 0; round < options.ProxyRounds; round++)
        {
            var (directPaired, hubPaired) = await PairedRun.RunAsync(
                pairs, budget, token => DirectAsync(0, token), token => ViaHubAsync(0, token), cancellationToken);
            directSequential.Add(directPaired);
            hubSequential.Add(hubPaired);
            directConcurrent.Add(await LoadGenerator.RunAsync(clients, perClient, budget, DirectAsync, cancellationToken));
            hubConcurrent.Add(await LoadGenerator.RunAsync(clients, perClient, budget, ViaHubAsync, cancellationToken));
        }

        var sequential = new OverheadRow(
            request.Name, 1, LatencySample.Combine(directSequential), LatencySample.Combine(hubSequential));
        var concurrent = new OverheadRow(
            request.Name, clients, LatencySample.Combine(directConcurrent), LatencySample.Combine(hubConcurrent));
        results.Overheads.Add(sequential);
        results.Overheads.Add(concurrent);
        foreach (var row in new[] { sequential, concurrent })
        {
            results.Figures.Add(new FigureRow(Name, request.Name + ", direct to gateway.sock", row.Concurrency, row.Direct));
            results.Figures.Add(new FigureRow(Name, request.Name + ", via hub /proxy", row.Concurrency, row.ViaHub));
        }

        return (sequential, concurrent);
    }

    private static void AddTargets(BenchResults results, (OverheadRow Sequential, OverheadRow Concurrent)? models)
    {
        const string AddedP50 = "4. Proxy: added p50 (GET v1/models, 1 client)";
        const string AddedP99 = "4. Proxy: added p99 (GET v1/models, 1 client)";
        const string Ratio = "4. Proxy: throughput vs direct (GET v1/models, concurrent clients)";
        if (models is not { } measured)
        {
            results.Targets.Add(new TargetResult(AddedP50, "≤ 0.5 ms", "not measured", null));
            results.Targets.Add(new TargetResult(AddedP99, "≤ 2 ms", "not measured", null));
            results.Targets.Add(new TargetResult(Ratio, "≥ 60 %", "not measured", null));
            return;
        }

        var (sequential, concurrent) = measured;
        results.Targets.Add(new TargetResult(
            AddedP50,
            "≤ 0.5 ms",
            $"{Format.Ms(sequential.AddedP50)} ms ({Format.Ms(sequential.Direct.Percentile(50))} → "
                + $"{Format.Ms(sequential.ViaHub.Percentile(50))} ms)",
            sequential.AddedP50 <= GoalAddedP50Ms));
        results.Targets.Add(new TargetResult(
            AddedP99,
            "≤ 2 ms",
            $"{Format.Ms(sequential.AddedP99)} ms ({Format.Ms(sequential.Direct.Percentile(99))} → "
                + $"{Format.Ms(sequential.ViaHub.Percentile(99))} ms)",
            sequential.AddedP99 <= GoalAddedP99Ms));
        results.Targets.Add(new TargetResult(
            Ratio.Replace("concurrent", $"{concurrent.Concurrency}", StringComparison.Ordinal),
            "≥ 60 %",
            $"{Format.Percent(concurrent.ThroughputRatio)} ({Format.Rate(concurrent.ViaHub.Throughput)} vs "
                + $"{Format.Rate(concurrent.Direct.Throughput)} req/s)",
            concurrent.ThroughputRatio >= GoalThroughputRatio));
    }

    private static string Describe(BenchOptions options) =>
        $"{Name}: one user's cell. Warm-up {WarmUpRequests} requests on each path (discarded), then "
        + $"{options.ProxyRounds} rounds, each of: 1 client sending {options.ProxySequentialPerRound} requests on "
        + "each path, the two paths alternating request by request (latency; paired, so that background load weighs "
        + $"on both alike); then {options.ProxyConcurrentClients} clients × {options.ProxyConcurrentPerClientPerRound} "
        + "requests direct, then the same via the hub (throughput). Direct: HTTP/1.1 over the cell's gateway.sock "
        + "with the cell token, as the hub itself sends it. Via hub: HTTP/1.1 over TCP loopback to "
        + "/proxy/{uid}/v1/… with the user's bearer token (authentication, owner check, ensure, YARP forwarding over "
        + "the same socket).";

    private static async Task<bool> SucceededAsync(Task<HttpAnswer> answer) => (await answer).Succeeded;

    /// <summary>The two ways to the same cell.</summary>
    private sealed class Paths(BenchHub hub, HttpClient direct, BenchUser user, string cellToken)
    {
        public async Task<HttpAnswer> SendDirectAsync(GatewayRequest request, CancellationToken cancellationToken)
        {
            using var message = request.Build("/v1/" + request.Path, cellToken);
            using var response = await direct.SendAsync(message, cancellationToken);
            return await HttpAnswer.ReadAsync(response, cancellationToken);
        }

        public async Task<HttpAnswer> SendViaHubAsync(GatewayRequest request, CancellationToken cancellationToken)
        {
            using var message = request.Build(BenchHub.ProxyPath(user, request.Path), user.AccessToken);
            using var response = await hub.Client.SendAsync(message, cancellationToken);
            return await HttpAnswer.ReadAsync(response, cancellationToken);
        }
    }
}
