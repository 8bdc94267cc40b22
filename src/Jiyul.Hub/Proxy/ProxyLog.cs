using Yarp.ReverseProxy.Forwarder;

namespace Jiyul.Hub.Proxy;

/// <summary>Log messages of the proxy (event ids 2000-2999); also the category its logger is named after.</summary>
internal sealed partial class ProxyLog
{
    private ProxyLog()
    {
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Client left cell {UidHash} mid-request (499): {Error}")]
    public static partial void ClientGone(ILogger logger, string uidHash, ForwarderError error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Cell {UidHash} refused the connection; ensuring it again and retrying once")]
    public static partial void Retrying(ILogger logger, string uidHash);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Forwarding to cell {UidHash} failed: {Error}")]
    public static partial void ForwardFailed(ILogger logger, Exception? exception, string uidHash, ForwarderError error);
}
