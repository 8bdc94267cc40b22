namespace Jiyul.Hub.Telemetry;

/// <summary>
/// Counts every request the proxy answered, by the class of its status, once the answer has gone out (a stream counts
/// when it ends). A client that left before the end counts as 499. Requests refused before the proxy ran (no valid
/// token) are not proxy requests and are not counted here.
/// </summary>
internal sealed class ProxyRequestCounter(HubMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        finally
        {
            metrics.ProxyRequestEnded(http.RequestAborted.IsCancellationRequested
                ? StatusCodes.Status499ClientClosedRequest
                : http.Response.StatusCode);
        }
    }
}
