using System.Text.Json.Nodes;

namespace Jiyul.Hub.Models;

/// <summary>
/// Errors in the shape OpenAI's clients parse (<c>{"error":{"message","type","code"}}</c>): the gateways in the cells
/// are OpenAI clients, and an error they understand is one they can report or retry sensibly.
/// </summary>
internal static class OpenAIErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string RateLimit = "rate_limit_error";
    public const string Upstream = "upstream_error";

    /// <summary>OpenAI's type for a spent quota; clients treat it as final rather than as a reason to retry soon.</summary>
    public const string InsufficientQuota = "insufficient_quota";

    public static JsonObject Create(string message, string type, string? code) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = type,
            ["param"] = null,
            ["code"] = code,
        },
    };

    public static async Task WriteAsync(
        HttpResponse response,
        int statusCode,
        string message,
        string type,
        string? code,
        CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await response.WriteAsync(Create(message, type, code).ToJsonString(WireJson.Options), cancellationToken);
    }
}
