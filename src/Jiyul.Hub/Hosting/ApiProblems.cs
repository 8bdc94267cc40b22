using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiyul.Hub.Hosting;

/// <summary>Problem details with a <c>reason</c>, as every endpoint of the API answers errors.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Invalid(string detail, string reason) =>
        Problem(StatusCodes.Status400BadRequest, "The request is invalid", detail, reason);

    public static ProblemHttpResult Problem(int status, string title, string detail, string reason) => TypedResults.Problem(
        title: title,
        detail: detail,
        statusCode: status,
        extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
