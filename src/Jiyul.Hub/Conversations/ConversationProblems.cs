using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiyul.Hub.Conversations;

/// <summary>The problem details the conversation endpoints answer with, each with a <c>reason</c>.</summary>
internal static class ConversationProblems
{
    /// <summary>Unknown and someone else's conversations look the same: nothing tells that the id exists.</summary>
    public static ProblemHttpResult NotFound() => Problem(StatusCodes.Status404NotFound, "Conversation not found",
        "There is no conversation with this id among yours.", "conversation-not-found");

    public static ProblemHttpResult Invalid(string detail, string reason) =>
        Problem(StatusCodes.Status400BadRequest, "The request is invalid", detail, reason);

    public static ProblemHttpResult Problem(int status, string title, string detail, string reason) => TypedResults.Problem(
        title: title,
        detail: detail,
        statusCode: status,
        extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
