using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Telemetry;

/// <summary>
/// Stands in front of the Prometheus exporter and lets a scrape through only as <see cref="MetricsOptions.Access"/>
/// says. The figures name no user, but they tell how busy the hub is and which runtimes it runs, so by default only
/// the machine itself may read them.
/// </summary>
internal static class MetricsGuard
{
    // Headers a proxy or tunnel adds when it relays a request. Forwarded headers from a trusted proxy have already
    // replaced the remote address (and left X-Original-For behind); a relay the hub does not trust leaves them as they
    // came. Either way the request did not start on this machine, even though its connection may.
    private static readonly string[] s_relayHeaders =
        ["X-Forwarded-For", "X-Original-For", "Forwarded", "X-Real-IP", "CF-Connecting-IP", "True-Client-IP"];

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        var refusal = options.Access switch
        {
            MetricsAccess.Open => null,
            MetricsAccess.Token => CheckToken(context.Request, options.Token ?? ""),
            _ => CheckLocal(context),
        };
        if (refusal is null)
        {
            await next(context);
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsGuard));
        Log.ScrapeRefused(logger, context.Connection.RemoteIpAddress?.ToString(), refusal.Reason);
        if (refusal.Status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        await TypedResults.Problem(title: refusal.Title, detail: refusal.Detail, statusCode: refusal.Status,
            extensions: new Dictionary<string, object?> { ["reason"] = refusal.Reason }).ExecuteAsync(context);
    }

    private static Refusal? CheckLocal(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        var local = address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        if (local && !s_relayHeaders.Any(context.Request.Headers.ContainsKey))
        {
            return null;
        }

        return new Refusal(StatusCodes.Status403Forbidden, "Metrics are for this machine only",
            "This hub serves /metrics only to a client on the same machine that is not relayed by a proxy "
            + "(Metrics:Access is Local); set Metrics:Access to Token or Open to scrape from elsewhere.", "metrics-local-only");
    }

    private static Refusal? CheckToken(HttpRequest request, string expected)
    {
        const string scheme = "Bearer ";
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(expected.Trim())))
        {
            return null;
        }

        return new Refusal(StatusCodes.Status401Unauthorized, "A metrics token is required",
            "Present the token of Metrics:Token as 'Authorization: Bearer <token>'.", "metrics-token");
    }

    private sealed record Refusal(int Status, string Title, string Detail, string Reason);
}
