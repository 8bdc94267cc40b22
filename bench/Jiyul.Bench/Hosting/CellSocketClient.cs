using System.Net.Sockets;

namespace Jiyul.Bench.Hosting;

/// <summary>
/// An HTTP client that talks straight to one cell's <c>gateway.sock</c>, as the hub does, with no hub in between:
/// the baseline the proxy is compared with.
/// </summary>
internal static class CellSocketClient
{
    public static HttpClient Create(string socketPath, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = (_, cancellationToken) => ConnectAsync(socketPath, cancellationToken),
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri("http://cell/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var handedOver = false;
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            var stream = new NetworkStream(socket, ownsSocket: true);
            handedOver = true;
            return stream;
        }
        finally
        {
            if (!handedOver)
            {
                socket.Dispose();
            }
        }
    }
}
