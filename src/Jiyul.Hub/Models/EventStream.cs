using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace Jiyul.Hub.Models;

/// <summary>
/// Writes server-sent events to a cell. Every event is flushed as soon as it is written: a token that waits in a
/// buffer is a token the user does not see.
/// </summary>
internal static class EventStream
{
    public const string ContentType = "text/event-stream";

    public static async Task StartAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken);
    }

    public static async Task WriteDataAsync(HttpResponse response, string data, CancellationToken cancellationToken)
    {
        // A data field cannot hold a line break; a multi-line payload becomes one data line per line.
        var text = new StringBuilder();
        foreach (var line in data.ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        text.Append('\n');
        await response.WriteAsync(text.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    public static Task WriteJsonAsync(HttpResponse response, JsonNode data, CancellationToken cancellationToken) =>
        WriteDataAsync(response, data.ToJsonString(WireJson.Options), cancellationToken);

    public static Task WriteDoneAsync(HttpResponse response, CancellationToken cancellationToken) =>
        WriteDataAsync(response, "[DONE]", cancellationToken);

    /// <summary>
    /// Ends a stream whose source broke off: an error event, as OpenAI's clients understand it, and no
    /// <c>[DONE]</c>, so that the cell can tell the answer is incomplete.
    /// </summary>
    public static Task WriteBrokenAsync(HttpResponse response, CancellationToken cancellationToken) =>
        WriteJsonAsync(response,
            OpenAIErrors.Create("The model provider's stream broke off.", OpenAIErrors.Upstream, "provider_stream_broken"),
            cancellationToken);
}
