namespace Jiyul.Bench.Engine;

/// <summary>
/// Hands each report to a callback on the reporting thread. <see cref="Progress{T}"/> would post it to the thread
/// pool instead, so a report could still be on its way when the call that made it has returned.
/// </summary>
internal sealed class ImmediateProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
