using System.Buffers;
using System.Diagnostics;
using Jiyul.Agent.Model;
using Microsoft.AspNetCore.Http.Features;

namespace Jiyul.Agent.Gateway;

/// <summary>
/// Relays a successful model response to the client as it arrives. For a stream, every read is flushed at once,
/// so an event reaches the client as soon as the model has written it; nothing is gathered in between.
/// </summary>
/// <remarks>Owns the model call and disposes it when the relay ends, however it ends.</remarks>
internal sealed class ModelRelayResult(ModelCall call, bool stream, long startedAt, ILogger logger) : IResult
{
    public const string EventStreamMediaType = "text/event-stream";

    private const int BufferBytes = 16 * 1024;

    // Written when the model breaks off a stream after the headers went out: the status can no longer say so.
    private static readonly byte[] BrokenStreamEvent =
        "data: {\"error\":{\"message\":\"The model stream broke off.\",\"type\":\"upstream_error\"}}\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var owned = call;
        var upstream = call.Response ?? throw new InvalidOperationException("Only an answered call can be relayed.");
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        var eventStream = stream || upstream.Content.Headers.ContentType?.MediaType == EventStreamMediaType;

        response.StatusCode = (int)upstream.StatusCode;
        if (eventStream)
        {
            response.ContentType = EventStreamMediaType;
            response.Headers.CacheControl = "no-cache";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        }
        else
        {
            response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/json";
            response.ContentLength = upstream.Content.Headers.ContentLength;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            await using var body = await upstream.Content.ReadAsStreamAsync(aborted);

            // The client learns at once that the stream is open, even while the model is still thinking.
            await response.StartAsync(aborted);
            int read;
            while ((read = await body.ReadAsync(buffer, aborted)) > 0)
            {
                await response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                if (eventStream)
                {
                    await response.Body.FlushAsync(aborted);
                }
            }

            Log.ChatCompleted(logger, response.StatusCode, eventStream, Stopwatch.GetElapsedTime(startedAt));
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client hung up; cancelling the token has already ended the call to the model.
            Log.ClientDisconnected(logger, Stopwatch.GetElapsedTime(startedAt));
        }
        catch (IOException ex)
        {
            Log.ModelStreamBroke(logger, ex.GetType().Name);
            if (eventStream)
            {
                await response.Body.WriteAsync(BrokenStreamEvent, aborted);
            }
            else
            {
                // A truncated JSON body must not pass for a whole one.
                httpContext.Abort();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
