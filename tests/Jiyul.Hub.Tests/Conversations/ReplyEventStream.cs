using System.Net.ServerSentEvents;

namespace Jiyul.Hub.Tests.Conversations;

/// <summary>Reads a reply's server-sent events one at a time, so a test can act between two of them.</summary>
internal sealed class ReplyEventStream(Stream stream) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<SseItem<string>> _events = SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator();

    /// <summary>The next event; null at the end of the stream.</summary>
    public async Task<SseItem<string>?> NextAsync() =>
        await _events.MoveNextAsync().AsTask().WaitAsync(ConversationsClient.Timeout) ? _events.Current : null;

    /// <summary>Reads until an event of this type; fails if the stream ends first.</summary>
    public async Task<SseItem<string>> NextOfTypeAsync(string eventType)
    {
        while (await NextAsync() is { } item)
        {
            if (item.EventType == eventType)
            {
                return item;
            }
        }

        throw new InvalidOperationException($"The stream ended before an event '{eventType}'.");
    }

    public async Task<List<SseItem<string>>> ReadToEndAsync()
    {
        var all = new List<SseItem<string>>();
        while (await NextAsync() is { } item)
        {
            all.Add(item);
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        await stream.DisposeAsync();
    }
}
