using System.Globalization;
using System.Security.Claims;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Jiyul.Hub.Proxy;

/// <summary>
/// <c>/proxy/{uid}/v1/{**rest}</c>: forwards into the owner's cell over its socket with YARP's forwarder,
/// starting the cell first when it is stopped. Responses stream through as they come (server-sent events
/// included); the whole request counts as activity for the idle culler for as long as it is open.
/// </summary>
internal static partial class ProxyEndpoint
{
    public static async Task HandleAsync(
        HttpContext context,
        string uid,
        string? rest,
        ClaimsPrincipal user,
        CellManager cells,
        CellGateway gateway,
        CellActivity activity,
        CellTokens tokens,
        IHttpForwarder forwarder,
        IOptions<ProxyOptions> options,
        ILogger<ProxyLog> logger)
    {
        if (!string.Equals(user.GetUid(), uid, StringComparison.Ordinal))
        {
            await WriteProblemAsync(context, StatusCodes.Status403Forbidden, "Not your assistant",
                "A cell serves only its owner.", "not-owner");
            return;
        }

        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit} bytes."), "body-too-large");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var owner = CellOwner.Of(user);
        using var open = activity.BeginStream(owner.UidHash);
        var config = new ForwarderRequestConfig { ActivityTimeout = options.Value.ResponseIdleTimeout };

        // A request without a body can be sent again safely: if the cell refused the connection (it died after it
        // was last seen ready), it is ensured again and the request retried once.
        var attempts = HasBody(context.Request) ? 1 : 2;
        for (var attempt = 1; ; attempt++)
        {
            var ensured = await cells.EnsureAsync(owner, trustRecentCheck: attempt == 1, context.RequestAborted);
            if (!ensured.IsReady)
            {
                await EnsureEndpoint.ToProblem(ensured, context.Response).ExecuteAsync(context);
                return;
            }

            if (ensured.Runtime == CellRuntimes.OpenClaw && rest == "chat/completions" && HasBody(context.Request))
            {
                try
                {
                    await OpenClawModelAlias.ApplyAsync(context.Request, context.RequestAborted);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit} bytes."), "body-too-large");
                    return;
                }
            }

            var transformer = new CellTransformer("v1/" + rest, tokens.Issue(owner.UidHash));
            var error = await forwarder.SendAsync(context, CellGateway.BaseAddress(owner.UidHash), gateway.Invoker, config, transformer);
            if (error is ForwarderError.None)
            {
                return;
            }

            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled)
            {
                ProxyLog.ClientGone(logger, owner.UidHash, error);
                return;
            }

            if (error is not ForwarderError.Request)
            {
                ProxyLog.ForwardFailed(logger, exception, owner.UidHash, error);
                return;
            }

            // The cell could not be reached: forget that it was ready, so that the next ensure looks again.
            cells.Invalidate(owner.UidHash);
            if (attempt >= attempts || context.Response.HasStarted)
            {
                ProxyLog.ForwardFailed(logger, exception, owner.UidHash, error);
                return;
            }

            ProxyLog.Retrying(logger, owner.UidHash);
            context.Response.Clear();
            context.Features.Set<IForwarderErrorFeature>(null);
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail, string reason) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["reason"] = reason }).ExecuteAsync(context);
}
