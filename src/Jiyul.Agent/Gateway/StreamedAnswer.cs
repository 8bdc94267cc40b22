using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// Streams an answer to the client as server-sent events in OpenAI's chunk shape, each piece of text flushed as soon as
/// the model has written it. Tool rounds happen inside the stream: the client sees only the text.
/// </summary>
/// <remarks>
/// The response starts only when the first update arrives, so a model that fails at once (a spent budget, an
/// unreachable socket) is answered with its own status rather than with a broken stream.
/// </remarks>
internal sealed class StreamedAnswer(
    IAsyncEnumerable<ChatResponseUpdate> updates,
    string id,
    string model,
    long created,
    long startedAt,
    ILogger logger) : IResult
{
    public const string EventStreamMediaType = "text/event-stream";

    // Written when the model breaks off a stream after the headers went out: the status can no longer say so.
    private static readonly byte[] BrokenStreamEvent =
        "data: {\"error\":{\"message\":\"The model stream broke off.\",\"type\":\"upstream_error\"}}\n\n"u8.ToArray();

    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        var started = false;
        var first = true;
        ChatFinishReason? finish = null;

        await using var enumerator = updates.GetAsyncEnumerator(aborted);
        try
        {
            while (await enumerator.MoveNextAsync())
            {
                var update = enumerator.Current;
                finish = update.FinishReason ?? finish;
                if (!started)
                {
                    await StartAsync(httpContext);
                    started = true;
                }

                var text = update.Text;
                if (text.Length == 0)
                {
                    continue;
                }

                await response.Body.WriteAsync(CompletionJson.ChunkEvent(id, model, created, text, first, null), aborted);
                await response.Body.FlushAsync(aborted);
                first = false;
            }

            if (!started)
            {
                await StartAsync(httpContext);
            }

            await response.Body.WriteAsync(
                CompletionJson.ChunkEvent(id, model, created, null, first, CompletionJson.FinishReason(finish)), aborted);
            await response.Body.WriteAsync(DoneEvent, aborted);
            await response.Body.FlushAsync(aborted);
            Log.ChatCompleted(logger, response.StatusCode, true, Stopwatch.GetElapsedTime(startedAt));
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client hung up; cancelling the token has already ended the call to the model.
            Log.ClientDisconnected(logger, Stopwatch.GetElapsedTime(startedAt));
        }
        catch (Exception ex) when (!started && ModelFailure.ResultFor(ex, logger) is { } failure)
        {
            await failure.ExecuteAsync(httpContext);
        }
        catch (Exception ex) when (started && ex is not OperationCanceledException)
        {
            Log.ModelStreamBroke(logger, ex.GetType().Name);
            await response.Body.WriteAsync(BrokenStreamEvent, aborted);
        }
    }

    private static Task StartAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = EventStreamMediaType;
        response.Headers.CacheControl = "no-cache";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return response.StartAsync(httpContext.RequestAborted);
    }
}
