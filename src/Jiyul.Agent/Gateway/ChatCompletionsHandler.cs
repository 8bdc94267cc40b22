using System.Diagnostics;
using Jiyul.Agent.Hosting;
using Jiyul.Agent.Model;
using Jiyul.Agent.OpenAi;
using Jiyul.Agent.Prompt;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// <c>POST /v1/chat/completions</c>: puts the assistant's system prompt before the client's messages and lets the
/// model answer through the hub, calling the agent's tools (knowledge search, skill files) as often as it needs.
/// </summary>
internal sealed class ChatCompletionsHandler(
    AgentOptions options,
    SystemPromptBuilder prompts,
    AgentChat chat,
    TimeProvider time,
    ILogger<ChatCompletionsHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var startedAt = Stopwatch.GetTimestamp();
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
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            Log.ClientDisconnected(logger, Stopwatch.GetElapsedTime(startedAt));
            return Results.Empty;
        }

        if (request is null)
        {
            Log.RequestRejected(logger, StatusCodes.Status400BadRequest);
            return OpenAiError.Result(StatusCodes.Status400BadRequest, OpenAiError.InvalidRequestType, error!);
        }

        var systemPrompt = await prompts.BuildAsync(aborted);
        var (messages, chatOptions) = request.ToChat(systemPrompt, options.Model, chat.Tools);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        if (request.Stream)
        {
            var updates = chat.Client.GetStreamingResponseAsync(messages, chatOptions, aborted);
            return new StreamedAnswer(updates, id, options.Model, created, startedAt, logger);
        }

        try
        {
            var response = await chat.Client.GetResponseAsync(messages, chatOptions, aborted);
            Log.ChatCompleted(logger, StatusCodes.Status200OK, false, Stopwatch.GetElapsedTime(startedAt));
            return Results.Bytes(CompletionJson.Completion(response, id, response.ModelId ?? options.Model, created), "application/json");
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // A client that hangs up is no error of the agent's; the cancelled token has ended the model call.
            Log.ClientDisconnected(logger, Stopwatch.GetElapsedTime(startedAt));
            return Results.Empty;
        }
        catch (Exception ex) when (ModelFailure.ResultFor(ex, logger) is { } failure)
        {
            return failure;
        }
    }

    private static string RejectionMessage(int statusCode) => statusCode == StatusCodes.Status413PayloadTooLarge
        ? $"The request body is larger than {AgentApplication.MaxRequestBodyBytes / (1024 * 1024)} MiB."
        : "The request body could not be read.";
}
