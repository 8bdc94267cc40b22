using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiyul.Hub.Cells;

/// <summary>
/// <c>POST /ensure</c>. The answer names no port and no token: the hub injects the cell token itself on every
/// proxied request, so a client never holds a credential that would reach its cell without the hub.
/// </summary>
internal static class EnsureEndpoint
{
    public static async Task<Results<Ok<EnsureAnswer>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal user,
        CellManager cells,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var owner = CellOwner.Of(user);
        var result = await cells.EnsureAsync(owner, trustRecentCheck: false, cancellationToken);
        if (result.IsReady)
        {
            return TypedResults.Ok(new EnsureAnswer(owner.Uid, "ready", result.Runtime));
        }

        return ToProblem(result, response);
    }

    /// <summary>The problem a failed ensure answers with; shared with the proxy, which ensures before forwarding.</summary>
    public static ProblemHttpResult ToProblem(EnsureResult result, HttpResponse response)
    {
        if (result.Outcome == EnsureOutcome.Busy)
        {
            response.Headers.RetryAfter = ((int)EnsureResult.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "Too many assistants are starting",
                detail: result.Reason,
                statusCode: StatusCodes.Status429TooManyRequests,
                extensions: new Dictionary<string, object?> { ["reason"] = "starts-saturated" });
        }

        return TypedResults.Problem(
            title: result.Outcome == EnsureOutcome.TimedOut ? "The assistant did not start in time" : "The assistant could not start",
            detail: result.Reason,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?>
            {
                ["reason"] = result.Outcome == EnsureOutcome.TimedOut ? "start-timeout" : "start-failed",
                ["runtime"] = result.Runtime,
            });
    }

    /// <summary>The answer of a successful ensure.</summary>
    public sealed record EnsureAnswer(string Uid, string State, string Runtime);
}
