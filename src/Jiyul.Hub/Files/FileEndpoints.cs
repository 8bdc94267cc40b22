using System.Security.Claims;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Identity;
using Jiyul.Hub.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Files;

/// <summary>
/// <c>/api/files</c>: upload, list, download and delete the caller's attachments. Only the owner sees a file; any other
/// id, another user's included, answers 404 with nothing of the file in it.
/// </summary>
internal static class FileEndpoints
{
    /// <summary>Room for the multipart framing and small fields around the file, beyond the file's own limit.</summary>
    public const long MultipartAllowance = 1024 * 1024;

    public static async Task<Results<Created<FileAnswer>, ProblemHttpResult>> UploadAsync(
        HttpContext context,
        UploadReceiver receiver,
        FileService files,
        HubMetrics metrics,
        IOptions<FilesOptions> options,
        ILogger<UploadReceiver> logger,
        CancellationToken cancellationToken)
    {
        var uid = Uid(context.User);

        // Kestrel's own limit (30 MB by default) gives way to the setting, with room for the framing: the file's
        // limit is enforced while it streams, the body's bounds what the fields around it may cost.
        var bodyLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodyLimit is { IsReadOnly: false })
        {
            bodyLimit.MaxRequestBodySize = options.Value.MaxSize + MultipartAllowance;
        }

        UploadRejection? rejection;
        ReceivedFile? received;
        try
        {
            (received, rejection) = await receiver.ReceiveAsync(context.Request, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            (received, rejection) = (null, UploadRejection.TooLarge(options.Value.MaxSize));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The client hung up mid-upload: not an error of the hub's, and nothing of it was kept.
            Log.UploadAbandoned(logger, UidHash.Of(uid));
            metrics.UploadAbandoned();
            return Problem(StatusCodes.Status499ClientClosedRequest, "The client left", "The upload was cut off.", "client-left");
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            (received, rejection) = (null, UploadRejection.Malformed(
                $"The body is not a well-formed multipart form ({e.Message}); nothing was kept."));
        }

        if (rejection is not null)
        {
            Log.UploadRefused(logger, UidHash.Of(uid), rejection.Status, rejection.Reason);
            metrics.UploadRejected();
            if (rejection.Status == StatusCodes.Status413PayloadTooLarge)
            {
                await DrainAsync(context.Request, cancellationToken);
            }

            return Problem(rejection.Status, rejection.Title, rejection.Detail, rejection.Reason);
        }

        using (received)
        {
            var stored = await files.StoreAsync(uid, received!, cancellationToken);
            metrics.UploadStored(stored.Size);
            return TypedResults.Created($"/api/files/{stored.Id}", FileAnswer.Of(stored));
        }
    }

    public static async Task<Results<Ok<FilePage>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user,
        FileService files,
        IOptions<FilesOptions> options,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        FileCursor? after = null;
        if (cursor is not null)
        {
            if (!FileCursor.TryParse(cursor, out var parsed))
            {
                return Problem(StatusCodes.Status400BadRequest, "The cursor is invalid",
                    "'cursor' is not one this API gave out; pass the 'next' of the previous page, or none.", "invalid-cursor");
            }

            after = parsed;
        }

        var pageSize = options.Value.PageSize;
        if (limit is < 1)
        {
            return Problem(StatusCodes.Status400BadRequest, "The limit is invalid",
                $"'limit' is {limit}; it must be at least 1 (at most {pageSize} are answered).", "invalid-limit");
        }

        return TypedResults.Ok(await files.ListAsync(Uid(user), after, Math.Min(limit ?? pageSize, pageSize), cancellationToken));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        Guid id,
        HttpContext context,
        FileService files,
        CancellationToken cancellationToken)
    {
        var file = await files.FindAsync(Uid(context.User), id, cancellationToken);
        var content = file is null ? null : await files.OpenAsync(file, cancellationToken);
        if (file is null || content is null)
        {
            return NotFound();
        }

        // The browser must take the stored type as given and never run what it downloads in the hub's origin.
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        context.Response.ContentLength = file.Size;
        return TypedResults.Stream(content, file.ContentType, fileDownloadName: file.Name);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id,
        ClaimsPrincipal user,
        FileService files,
        CancellationToken cancellationToken) =>
        await files.DeleteAsync(Uid(user), id, cancellationToken) ? TypedResults.NoContent() : NotFound();

    private static string Uid(ClaimsPrincipal user) =>
        user.GetUid() ?? throw new InvalidOperationException("A files endpoint ran without a signed-in caller.");

    private static ProblemHttpResult NotFound() => Problem(StatusCodes.Status404NotFound, "No such file",
        "There is no file of yours with this id; it may have expired or been deleted.", "not-found");

    private static ProblemHttpResult Problem(int status, string title, string detail, string reason) => TypedResults.Problem(
        title: title, detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["reason"] = reason });

    /// <summary>
    /// Reads what is left of a refused body, within the body limit, so that the client gets to read the 413 instead of
    /// a connection reset in the middle of its send.
    /// </summary>
    private static async Task DrainAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await request.Body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException && !cancellationToken.IsCancellationRequested)
        {
            // Past the body limit or cut off: the answer is 413 either way, and Kestrel closes the connection.
        }
    }
}
