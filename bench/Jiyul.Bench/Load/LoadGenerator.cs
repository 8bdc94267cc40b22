using System.Diagnostics;

namespace Jiyul.Bench.Load;

/// <summary>
/// Runs a request function from a number of clients at once, each sending its requests one after another, and
/// times every request with <see cref="Stopwatch"/> timestamps. Every run is bounded twice: by a request count per
/// client and by a time budget; a request cut off by the budget is not counted.
/// </summary>
internal static class LoadGenerator
{
    /// <param name="clients">Clients sending at the same time.</param>
    /// <param name="requestsPerClient">Requests each client sends, one after the other.</param>
    /// <param name="budget">Wall time after which the run stops, whatever is left.</param>
    /// <param name="sendAsync">Sends one request for the given client; answers whether it succeeded.</param>
    /// <param name="cancellationToken">Cancels the whole bench.</param>
    /// <param name="pace">
    /// Null for a closed loop (each client sends its next request as soon as the last is answered); otherwise each
    /// client starts a request every <paramref name="pace"/>, the clients spread evenly over one interval, so that the
    /// hub sees a steady arrival rate below what it can take. A request answered later than its interval delays the
    /// next one; latency is timed from the actual send.
    /// </param>
    public static async Task<LatencySample> RunAsync(
        int clients,
        int requestsPerClient,
        TimeSpan budget,
        Func<int, CancellationToken, Task<bool>> sendAsync,
        CancellationToken cancellationToken,
        TimeSpan? pace = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerClient, 1);
        ArgumentNullException.ThrowIfNull(sendAsync);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        var latencies = new List<double>[clients];
        var errors = new int[clients];

        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var pausedBefore = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        var workers = new Task[clients];
        for (var c = 0; c < clients; c++)
        {
            var client = c;
            latencies[client] = new List<double>(requestsPerClient);
            var schedule = pace is { } interval ? new Pacing(started, interval, interval * client / clients) : null;
            var token = deadline.Token;
            workers[client] = Task.Run(
                () => RunClientAsync(client, requestsPerClient, schedule, sendAsync, latencies[client], errors, token),
                CancellationToken.None);
        }

        await Task.WhenAll(workers);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        cancellationToken.ThrowIfCancellationRequested();

        return new LatencySample(latencies.SelectMany(l => l), errors.Sum(), wall, cpu, deadline.IsCancellationRequested)
        {
            AllocatedBytes = allocated,
            GcPause = paused,
        };
    }

    private static async Task RunClientAsync(
        int client,
        int count,
        Pacing? pacing,
        Func<int, CancellationToken, Task<bool>> sendAsync,
        List<double> latencies,
        int[] errors,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            bool succeeded;
            long started;
            try
            {
                if (pacing is not null && pacing.Until(i) is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                started = Stopwatch.GetTimestamp();
                succeeded = await sendAsync(client, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // A transport failure or a client-side timeout is a failed request, not the end of the run.
                errors[client]++;
                continue;
            }

            if (succeeded)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                errors[client]++;
            }
        }
    }

    /// <summary>When a paced client's requests are due: one every interval, from its own offset into the run.</summary>
    private sealed class Pacing(long startTimestamp, TimeSpan interval, TimeSpan offset)
    {
        public TimeSpan Until(int request) =>
            offset + (interval * request) - Stopwatch.GetElapsedTime(startTimestamp);
    }
}
