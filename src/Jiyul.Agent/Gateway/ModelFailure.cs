using System.ClientModel;
using System.Text;
using System.Text.Json;
using Jiyul.Agent.OpenAi;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// What the client is told when the model call fails before any answer: the model's own status, and its body when it
/// is in OpenAI's error shape (the hub's budget answer, for one), so the client always parses the same thing.
/// </summary>
internal static class ModelFailure
{
    /// <summary>An answer for <paramref name="exception"/>, or null when it is not a failure of the model call.</summary>
    public static IResult? ResultFor(Exception exception, ILogger logger)
    {
        if (exception is not ClientResultException failure)
        {
            return FindHttpError(exception) is { } error ? NoAnswer(error, logger) : null;
        }

        if (failure.Status == 0)
        {
            return NoAnswer(FindHttpError(failure) ?? HttpRequestError.Unknown, logger);
        }

        Log.ModelAnsweredError(logger, failure.Status);
        var body = failure.GetRawResponse()?.Content?.ToArray() ?? [];
        if (IsOpenAiError(body))
        {
            return Results.Content(Encoding.UTF8.GetString(body), "application/json", Encoding.UTF8, failure.Status);
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        var message = text.Length == 0
            ? $"The model endpoint answered {failure.Status}."
            : $"The model endpoint answered {failure.Status}: {(text.Length > 500 ? text[..500] : text)}";
        return OpenAiError.Result(failure.Status, OpenAiError.UpstreamType, message);
    }

    private static IResult NoAnswer(HttpRequestError error, ILogger logger)
    {
        if (error == HttpRequestError.ConnectionError)
        {
            Log.ModelUnreachable(logger, error.ToString());
            return OpenAiError.Result(
                StatusCodes.Status502BadGateway,
                OpenAiError.UnavailableType,
                "The model endpoint of this cell cannot be reached.");
        }

        Log.ModelGaveNoResponse(logger, error.ToString());
        return OpenAiError.Result(
            StatusCodes.Status502BadGateway,
            OpenAiError.UpstreamType,
            "The model endpoint closed the connection without an answer.");
    }

    private static HttpRequestError? FindHttpError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is HttpRequestException http)
            {
                return http.HttpRequestError;
            }
        }

        return null;
    }

    private static bool IsOpenAiError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var detail)
                && detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
