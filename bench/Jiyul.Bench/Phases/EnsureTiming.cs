using Jiyul.Bench.Hosting;

namespace Jiyul.Bench.Phases;

/// <summary>
/// One timed <c>POST /ensure</c>: when it was sent (wall clock, to line up with engine events) and how long it took.
/// </summary>
internal sealed record EnsureTiming(BenchUser User, DateTimeOffset RequestedAt, double Milliseconds, HttpAnswer Answer)
{
    public DateTimeOffset AnsweredAt => RequestedAt + TimeSpan.FromMilliseconds(Milliseconds);
}
