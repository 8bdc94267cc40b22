using System.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace Jiyul.Hub.Proxy;

/// <summary>
/// Shapes a client's request for its cell: the path under <c>/v1/</c> is kept, the client's credentials
/// (Authorization, cookies) are dropped and the cell token takes their place.
/// </summary>
internal sealed class CellTransformer(string path, string cellToken) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext,
        HttpRequestMessage proxyRequest,
        string destinationPrefix,
        CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        proxyRequest.RequestUri = new Uri(destinationPrefix + path + httpContext.Request.QueryString.Value, UriKind.Absolute);
        proxyRequest.Headers.Remove("Cookie");
        proxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cellToken);

        // The cell is addressed by its socket, not by a host name the client chose.
        proxyRequest.Headers.Host = null;
    }
}
