using System.Diagnostics;

namespace Jiyul.Bench.Load;

/// <summary>
/// Times two ways of doing the same thing from one client, request by request in turn (A B, then B A, and so on),
/// so that whatever else the machine does at any moment weighs on both alike. For comparing latencies on a machine
/// that is not quiet; throughput cannot be split out this way, and the CPU time of the run is not given to either.
/// </summary>
internal static class PairedRun
{
    public static async Task<(LatencySample A, LatencySample B)> RunAsync(
        int pairs,
        TimeSpan budget,
        Func<CancellationToken, Task<bool>> sendAAsync,
        Func<CancellationToken, Task<bool>> sendBAsync,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        ArgumentNullException.ThrowIfNull(sendAAsync);
        ArgumentNullException.ThrowIfNull(sendBAsync);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        var a = new Side(sendAAsync, pairs);
        var b = new Side(sendBAsync, pairs);

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < pairs && !deadline.IsCancellationRequested; i++)
        {
            var (first, second) = i % 2 == 0 ? (a, b) : (b, a);
            if (!await first.SendAsync(deadline.Token) || !await second.SendAsync(deadline.Token))
            {
                break;
            }
        }

        var wall = Stopwatch.GetElapsedTime(started);
        cancellationToken.ThrowIfCancellationRequested();
        return (a.ToSample(wall, deadline.IsCancellationRequested), b.ToSample(wall, deadline.IsCancellationRequested));
    }

    private sealed class Side(Func<CancellationToken, Task<bool>> sendAsync, int capacity)
    {
        private readonly List<double> _latencies = new(capacity);
        private int _errors;
        private TimeSpan _busy;

        /// <summary>Sends one request; answers false when the run's budget ran out.</summary>
        public async Task<bool> SendAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (await sendAsync(cancellationToken))
                {
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    _latencies.Add(elapsed.TotalMilliseconds);
                    _busy += elapsed;
                }
                else
                {
                    _errors++;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                _errors++;
            }

            return true;
        }

        // Throughput of one side is its requests over the time it spent on them, the other side's time left out.
        public LatencySample ToSample(TimeSpan wall, bool stoppedByBudget) =>
            new(_latencies, _errors, _busy > TimeSpan.Zero ? _busy : wall, TimeSpan.Zero, stoppedByBudget);
    }
}
