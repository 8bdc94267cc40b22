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
        var ensured = await cells.EnsureAsync(owner, context.RequestAborted);
        if (!ensured.IsReady)
        {
            await EnsureEndpoint.ToProblem(ensured, context.Response).ExecuteAsync(context);
            return;
        }

        using var open = activity.BeginStream(owner.UidHash);
        var transformer = new CellTransformer("v1/" + rest, tokens.Issue(owner.UidHash));
        var config = new ForwarderRequestConfig { ActivityTimeout = options.Value.ResponseIdleTimeout };
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

        // A cell that cannot be reached may have died since it was last seen ready: forget that, so the next
        // request probes it and, if need be, starts it again.
        if (error is ForwarderError.Request)
        {
            cells.Invalidate(owner.UidHash);
        }

        ProxyLog.ForwardFailed(logger, exception, owner.UidHash, error);
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail, string reason) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["reason"] = reason }).ExecuteAsync(context);
}
