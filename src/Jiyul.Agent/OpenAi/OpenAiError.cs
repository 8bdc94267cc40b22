namespace Jiyul.Agent.OpenAi;

/// <summary>
/// Errors in the shape OpenAI clients parse. The gateway speaks the OpenAI protocol, so its errors do too rather
/// than as problem details, which those clients would not read.
/// </summary>
internal static class OpenAiError
{
    public const string InvalidRequestType = "invalid_request_error";
    public const string AuthenticationType = "authentication_error";

    /// <summary>The model endpoint answered with an error that had no OpenAI-style body of its own.</summary>
    public const string UpstreamType = "upstream_error";

    /// <summary>The model endpoint could not be reached at all.</summary>
    public const string UnavailableType = "model_unavailable";

    public static IResult Result(int statusCode, string type, string message) =>
        TypedResults.Json(
            new ErrorEnvelope(new ErrorDetail(message, type)),
            AgentJsonContext.Default.ErrorEnvelope,
            statusCode: statusCode);
}
