using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Jiyul.Agent.Hosting;
using Jiyul.Agent.Model;
using Jiyul.Agent.OpenAi;
using Jiyul.Agent.Prompt;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// <c>POST /v1/chat/completions</c>: puts the assistant's system prompt before the client's messages and lets the
/// model answer through the hub.
/// </summary>
internal sealed class ChatCompletionsHandler(
    AgentOptions options,
    SystemPromptBuilder prompts,
    ModelClient model,
    ILogger<ChatCompletionsHandler> logger)
{
    /// <summary>
    /// How much of a failed model response is read to pass on. Error bodies are short; one that is not is not
    /// worth holding.
    /// </summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            return await ForwardAsync(context, startedAt);
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested
            && ex is OperationCanceledException or IOException)
        {
            // A client that hangs up is no error of the agent's; the cancelled token has ended the model call.
            Log.ClientDisconnected(logger, Stopwatch.GetElapsedTime(startedAt));
            return Results.Empty;
        }
    }

    private async Task<IResult> ForwardAsync(HttpContext context, long startedAt)
    {
        var aborted = context.RequestAborted;

        ChatRequest? request;
        string? error;
        try
        {
            (request, error) = await ChatRequest.ReadAsync(context.Request.Body, aborted);
        }
        catch (BadHttpRequestException ex)
        {
            Log.RequestRejected(logger, ex.StatusCode);
            return OpenAiError.Result(ex.StatusCode, OpenAiError.InvalidRequestType, RejectionMessage(ex.StatusCode));
        }

        if (request is null)
        {
            Log.RequestRejected(logger, StatusCodes.Status400BadRequest);
            return OpenAiError.Result(StatusCodes.Status400BadRequest, OpenAiError.InvalidRequestType, error!);
        }

        var systemPrompt = await prompts.BuildAsync(aborted);
        var call = await model.SendChatAsync(request.ToModelContent(systemPrompt, options.Model), aborted);
        if (call.Response is not { } response)
        {
            call.Dispose();
            return call.Failure == ModelCallFailure.Unreachable
                ? OpenAiError.Result(
                    StatusCodes.Status502BadGateway,
                    OpenAiError.UnavailableType,
                    "The model endpoint of this cell cannot be reached.")
                : OpenAiError.Result(
                    StatusCodes.Status502BadGateway,
                    OpenAiError.UpstreamType,
                    "The model endpoint closed the connection without an answer.");
        }

        if (!response.IsSuccessStatusCode)
        {
            using (call)
            {
                Log.ModelAnsweredError(logger, (int)response.StatusCode);
                return await PassErrorOnAsync(response, aborted);
            }
        }

        return new ModelRelayResult(call, request.Stream, startedAt, logger);
    }

    private static string RejectionMessage(int statusCode) => statusCode == StatusCodes.Status413PayloadTooLarge
        ? $"The request body is larger than {AgentApplication.MaxRequestBodyBytes / (1024 * 1024)} MiB."
        : "The request body could not be read.";

    /// <summary>
    /// Answers with the model's status. A body already in OpenAI's error shape goes through as it is; any other
    /// is wrapped in that shape, so the client always parses the same thing.
    /// </summary>
    private static async Task<IResult> PassErrorOnAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await ReadPrefixAsync(response.Content, MaxErrorBodyBytes, cancellationToken);
        if (IsOpenAiError(body))
        {
            return Results.Content(Encoding.UTF8.GetString(body), "application/json", Encoding.UTF8, status);
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        var message = text.Length == 0
            ? $"The model endpoint answered {status}."
            : $"The model endpoint answered {status}: {(text.Length > 500 ? text[..500] : text)}";
        return OpenAiError.Result(status, OpenAiError.UpstreamType, message);
    }

    private static async Task<byte[]> ReadPrefixAsync(
        HttpContent content,
        int maxBytes,
        CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes];
        var filled = 0;
        int read;
        while (filled < maxBytes && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return buffer[..filled];
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
