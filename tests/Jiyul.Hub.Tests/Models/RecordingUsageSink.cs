using System.Threading.Channels;
using Jiyul.Hub.Models;

namespace Jiyul.Hub.Tests.Models;

/// <summary>Keeps every usage record so a test can await the one its request produced.</summary>
internal sealed class RecordingUsageSink : IModelUsageSink
{
    private readonly Channel<ModelUsage> _records = Channel.CreateUnbounded<ModelUsage>();

    public ValueTask RecordAsync(ModelUsage usage, CancellationToken cancellationToken)
    {
        _records.Writer.TryWrite(usage);
        return ValueTask.CompletedTask;
    }

    public Task<ModelUsage> NextAsync() => _records.Reader.ReadAsync().AsTask().WaitAsync(ModelSocket.Timeout);

    public bool TryTake(out ModelUsage? usage) => _records.Reader.TryRead(out usage);
}
