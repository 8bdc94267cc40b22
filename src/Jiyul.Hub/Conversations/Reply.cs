using System.Net.ServerSentEvents;
using System.Text;
using System.Threading.Channels;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// The events of one reply as it is produced, for the clients that follow it: the one that posted the message (from
/// the first event), and any that come back later (<see cref="TryFollowLate"/>, from the reply as it stands then). The
/// reply does not depend on anyone following it: a follower that leaves stops receiving, and the reply goes on to be
/// stored whole.
/// </summary>
internal sealed class Reply
{
    private readonly Lock _lock = new();
    private readonly List<Channel<SseItem<object>>> _followers = [];
    private readonly StringBuilder _content = new();
    private MessageAnswer? _begun;
    private bool _completed;

    /// <summary>Follows the reply from its first event; made before the reply starts, for the client that posted.</summary>
    public ChannelReader<SseItem<object>> Follow()
    {
        lock (_lock)
        {
            return Add();
        }
    }

    /// <summary>
    /// Follows a reply already under way: the answer's first event is <c>reply</c> with the content that has arrived so
    /// far, then every event after it. False when the reply has not begun or has ended (the store then has it whole).
    /// </summary>
    public bool TryFollowLate(out ChannelReader<SseItem<object>> events)
    {
        lock (_lock)
        {
            events = null!;
            if (_begun is null || _completed)
            {
                return false;
            }

            events = Add();
            var sofar = _begun with { Content = _content.ToString() };
            _followers[^1].Writer.TryWrite(new SseItem<object>(sofar, ReplyEvents.Reply));
            return true;
        }
    }

    /// <summary>A follower left: nothing more is kept for it.</summary>
    public void Unfollow(ChannelReader<SseItem<object>> events)
    {
        lock (_lock)
        {
            var index = _followers.FindIndex(f => f.Reader == events);
            if (index >= 0)
            {
                _followers[index].Writer.TryComplete();
                _followers.RemoveAt(index);
            }
        }
    }

    public void Publish(string eventType, object data)
    {
        lock (_lock)
        {
            switch (data)
            {
                case MessageAnswer begun when eventType == ReplyEvents.Reply:
                    _begun = begun;
                    break;
                case ReplyDelta delta:
                    _content.Append(delta.Text);
                    break;
            }

            foreach (var follower in _followers)
            {
                follower.Writer.TryWrite(new SseItem<object>(data, eventType));
            }
        }
    }

    /// <summary>No more events will come.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            foreach (var follower in _followers)
            {
                follower.Writer.TryComplete();
            }

            _followers.Clear();
        }
    }

    private ChannelReader<SseItem<object>> Add()
    {
        var channel = Channel.CreateUnbounded<SseItem<object>>(new UnboundedChannelOptions { SingleReader = true });
        if (_completed)
        {
            channel.Writer.TryComplete();
        }
        else
        {
            _followers.Add(channel);
        }

        return channel.Reader;
    }
}
