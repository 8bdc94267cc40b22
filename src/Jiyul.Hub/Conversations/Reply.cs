using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// The events of one reply as it is produced, for the client that posted the message to follow. The reply does not
/// depend on anyone following it: once the follower leaves (<see cref="Detach"/>), events are no longer kept, and
/// the reply goes on to be stored whole.
/// </summary>
internal sealed class Reply
{
    private readonly Channel<SseItem<object>> _events =
        Channel.CreateUnbounded<SseItem<object>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private volatile bool _detached;

    public ChannelReader<SseItem<object>> Events => _events.Reader;

    public void Publish(string eventType, object data)
    {
        if (!_detached)
        {
            _events.Writer.TryWrite(new SseItem<object>(data, eventType));
        }
    }

    /// <summary>No more events will come.</summary>
    public void Complete() => _events.Writer.TryComplete();

    /// <summary>The follower left; what is still queued is dropped with the channel.</summary>
    public void Detach()
    {
        _detached = true;
        _events.Writer.TryComplete();
    }
}
