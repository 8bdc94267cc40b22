using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Jiyul.Bench.Engine;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// One OpenClaw cell, on a second hub of the same process set to the <c>openclaw</c> runtime: cold ensure, start of
/// the stopped cell, memory idle and after one chat, the image's size, and the hub's own share of each start —
/// from the request to the engine's start event, plus from the moment OpenClaw's <c>/readyz</c> first answers 200
/// (seen by polling the cell's socket every 5 ms beside the hub) to the hub's answer.
/// </summary>
internal static class OpenClawPhase
{
    public const string Name = "7. OpenClaw cell";
    public const string Image = "jiyul/openclaw:latest";
    private const string Question = "종합소득세 신고 기한은 언제인가요?";
    private static readonly TimeSpan s_startLimit = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(
        string repository,
        string dataDirectory,
        BenchDocker docker,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        var image = await docker.ImageAsync(Image, cancellationToken);
        if (image is null)
        {
            results.Notes.Add($"{Name}: the image {Image} is not built here (./jiyul setup with JIYUL_BUILD_OPENCLAW=1), "
                + "so no OpenClaw figures were taken.");
            return;
        }

        // An instance label of its own: this hub would otherwise take the agent hub's cells for orphans and remove them.
        var instance = docker.Instance + "-openclaw";
        var directory = Path.Combine(dataDirectory, "openclaw");
        Directory.CreateDirectory(directory);
        await using var events = DockerEventRecorder.Start(docker.Client, instance);
        await using var hub = await BenchHub.StartAsync(repository, directory, instance, cancellationToken, "openclaw");
        var user = await hub.SignUpAsync(cancellationToken);
        var container = BenchDocker.ContainerName(user.UidHash);
        try
        {
            await MeasureAsync(hub, user, container, image.Value.Size, docker, events, results, cancellationToken);
        }
        finally
        {
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await docker.Client.Containers.RemoveContainerAsync(container, new() { Force = true }, cleanup.Token);
            }
            catch (global::Docker.DotNet.DockerContainerNotFoundException)
            {
                // Never made, or already gone.
            }
        }
    }

    private static async Task MeasureAsync(
        BenchHub hub,
        BenchUser user,
        string container,
        long imageSize,
        BenchDocker docker,
        DockerEventRecorder events,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = s_startLimit };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);

        var cold = await TimeStartAsync(client, hub.GatewaySocket(user), container, events, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
        var idle = await docker.MemoryAsync(container, cancellationToken);

        var chatStarted = Stopwatch.GetTimestamp();
        using var chat = await client.PostAsJsonAsync(BenchHub.ProxyPath(user, "chat/completions"),
            new { model = "jiyul", messages = new[] { new { role = "user", content = Question } } },
            cancellationToken);
        var chatMs = Stopwatch.GetElapsedTime(chatStarted).TotalMilliseconds;
        var afterChat = await docker.MemoryAsync(container, cancellationToken);

        await docker.StopAsync(container, TimeSpan.FromSeconds(30), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2.5), cancellationToken);
        var warm = await TimeStartAsync(client, hub.GatewaySocket(user), container, events, cancellationToken);

        Report(results, imageSize, cold, warm, idle, afterChat, chat.IsSuccessStatusCode ? chatMs : null);
    }

    private static async Task<StartTiming> TimeStartAsync(
        HttpClient client,
        string socket,
        string container,
        DockerEventRecorder events,
        CancellationToken cancellationToken)
    {
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var requested = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var ready = PollReadyAsync(socket, polling.Token);
        using var answer = await client.PostAsync("/ensure", null, cancellationToken);
        var answered = DateTimeOffset.UtcNow;
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await polling.CancelAsync();
        var firstReady = await ready;

        var startEvent = events.First(container, "start", requested);
        double? share = startEvent is { } start && firstReady is { } seen
            ? (start - requested).TotalMilliseconds + (answered - seen).TotalMilliseconds
            : null;
        return new StartTiming(answer.IsSuccessStatusCode, total, share);
    }

    // Asks /readyz through the cell's own socket every 5 ms until it answers 200; the moment it first does.
    private static async Task<DateTimeOffset?> PollReadyAsync(string socket, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, token) =>
            {
                var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                    return new NetworkStream(connection, ownsSocket: true);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            },
        };
        using var probe = new HttpClient(handler) { BaseAddress = new Uri("http://cell/"), Timeout = TimeSpan.FromSeconds(2) };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await probe.GetAsync("readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return DateTimeOffset.UtcNow;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or SocketException)
            {
                // Not listening yet.
            }

            try
            {
                await Task.Delay(5, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    private static void Report(
        BenchResults results,
        long imageSize,
        StartTiming cold,
        StartTiming warm,
        CellMemory? idle,
        CellMemory? afterChat,
        double? chatMs)
    {
        results.Figures.Add(new FigureRow(Name, "POST /ensure, no container yet", 1, One(cold.TotalMs, cold.Succeeded), false));
        results.Figures.Add(new FigureRow(Name, "POST /ensure, container stopped", 1, One(warm.TotalMs, warm.Succeeded), false));
        if (chatMs is { } ms)
        {
            results.Figures.Add(new FigureRow(Name, "first chat through /proxy (offline model)", 1, One(ms, true), false));
        }

        var share = new[] { cold.HubShareMs, warm.HubShareMs }.Where(s => s is not null).Select(s => s!.Value).ToList();
        results.Targets.Add(new TargetResult("7. OpenClaw: hub's share of a start (request → engine start, OpenClaw ready → answer)",
            "≤ 300 ms", share.Count == 0 ? "not seen" : string.Join("; ", share.Select(s => $"{s:0} ms")),
            share.Count == 0 ? null : share.Max() <= 300));
        results.Targets.Add(new TargetResult("7. OpenClaw: cold ensure", "–", $"{cold.TotalMs / 1000:0.0} s", null, HasGoal: false));
        results.Targets.Add(new TargetResult("7. OpenClaw: start of a stopped cell", "–", $"{warm.TotalMs / 1000:0.0} s", null,
            HasGoal: false));
        results.Targets.Add(new TargetResult("7. OpenClaw: memory idle / after one chat (usage − page cache)", "–",
            $"{Mib(idle)} / {Mib(afterChat)}", null, HasGoal: false));
        results.Targets.Add(new TargetResult("7. OpenClaw: image size", "–", $"{imageSize / 1_000_000.0:0} MB", null, HasGoal: false));
        results.Method.Add($"{Name}: a second hub in this process with Cells:Runtime=openclaw and its own data directory, "
            + "one user: cold ensure; 20 s idle, then the cell's memory; one non-streaming chat through /proxy and the "
            + "memory after it; the cell stopped through the Engine API (30 s grace) and ensured again. Beside each ensure, "
            + "the bench polls OpenClaw's /readyz on the cell's socket every 5 ms to see when OpenClaw itself became ready.");
    }

    private static string Mib(CellMemory? memory) =>
        memory?.WithoutPageCache is { } bytes ? $"{bytes / 1024.0 / 1024.0:0} MiB" : "not read";

    private static LatencySample One(double milliseconds, bool succeeded) =>
        new(succeeded ? [milliseconds] : [], succeeded ? 0 : 1, TimeSpan.FromMilliseconds(milliseconds), TimeSpan.Zero);

    private sealed record StartTiming(bool Succeeded, double TotalMs, double? HubShareMs);
}
