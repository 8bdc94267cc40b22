using System.Net;

namespace Jiyul.Hub.Cells;

/// <summary>
/// The one HTTP client the hub uses to reach every cell's gateway (readiness probes and the proxy alike).
/// Each cell is addressed by a host name of its own, <c>{uidHash}.cell</c>, so that the connection pool keeps
/// each cell's connections apart; the connect callback asks the runtime for the actual stream.
/// </summary>
internal sealed class CellGateway : IDisposable
{
    private const string HostSuffix = ".cell";

    public CellGateway(ICellRuntime runtime)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectCallback = (context, cancellationToken) =>
                runtime.ConnectAsync(UidHashOf(context.DnsEndPoint.Host), cancellationToken),
        };
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>Shared by every caller; YARP's forwarder takes an invoker.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>The base address by which a cell is reached through <see cref="Invoker"/>.</summary>
    public static string BaseAddress(string uidHash) => "http://" + uidHash + HostSuffix + "/";

    /// <summary>Asks the cell's <c>/readyz</c> once; any failure is "not ready".</summary>
    public async Task<bool> IsReadyAsync(string uidHash, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseAddress(uidHash) + "readyz");
        try
        {
            using var response = await Invoker.SendAsync(request, attempt.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => Invoker.Dispose();

    private static string UidHashOf(string host)
    {
        var hash = host.EndsWith(HostSuffix, StringComparison.OrdinalIgnoreCase) ? host[..^HostSuffix.Length] : host;
        return UidHash.IsWellFormed(hash) ? hash : throw new HttpRequestException($"'{host}' does not name a cell.");
    }
}
