using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Jiyul.Hub.Files;

/// <summary>
/// Reads an upload from a multipart body as it arrives: finds the <c>file</c> field, streams it into the spool while
/// counting (past <see cref="FilesOptions.MaxSize"/> it stops at once), hashing and checking it is text, and decides its
/// type from its content. Memory stays at one buffer whatever the size. Either a <see cref="ReceivedFile"/> or an
/// <see cref="UploadRejection"/> comes back; a rejected upload leaves nothing on disk.
/// </summary>
internal sealed class UploadReceiver(UploadSpool spool, IOptions<FilesOptions> options)
{
    public const string FieldName = "file";

    private const int BufferSize = 64 * 1024;

    private static readonly string s_accepted = "PDF, PNG, JPEG, WebP, plain text (UTF-8), Markdown and DOCX";

    public async Task<(ReceivedFile? File, UploadRejection? Rejection)> ReceiveAsync(
        HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, UploadRejection.NotMultipart(
                $"The body is '{request.ContentType}'; send multipart/form-data with the file in a field named 'file'."));
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            return (null, UploadRejection.NotMultipart("The multipart content type has no usable boundary (1 to 70 characters)."));
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            // Other fields are skipped: the reader drains an unread section when it moves to the next one.
            if (section.GetContentDispositionHeader() is not { } disposition
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FieldName, StringComparison.Ordinal))
            {
                continue;
            }

            var sentName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value
                : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            return await SpoolAsync(section.Body, FileNames.Sanitize(sentName), cancellationToken);
        }

        return (null, UploadRejection.NoFile());
    }

    private async Task<(ReceivedFile? File, UploadRejection? Rejection)> SpoolAsync(
        Stream body,
        string name,
        CancellationToken cancellationToken)
    {
        var maxSize = options.Value.MaxSize;
        var path = spool.NewPath();
        var keep = false;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var text = new TextCheck();
            var head = new byte[ContentSniffer.HeadLength];
            var headLength = 0;
            HeadKind? kind = null;
            long size = 0;

            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxSize)
                    {
                        return (null, UploadRejection.TooLarge(maxSize));
                    }

                    var chunk = buffer.AsSpan(0, read);
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(read, head.Length - headLength);
                        chunk[..take].CopyTo(head.AsSpan(headLength));
                        headLength += take;
                    }

                    hash.AppendData(chunk);
                    text.Append(chunk);

                    // Refused as soon as the head is in and nothing can make it acceptable, before the rest is read.
                    if (kind is null && headLength == head.Length)
                    {
                        kind = ContentSniffer.SniffHead(head);
                        if (kind == HeadKind.Other && !text.IsText)
                        {
                            return (null, NotAccepted());
                        }
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (size == 0)
            {
                return (null, UploadRejection.Empty());
            }

            kind ??= ContentSniffer.SniffHead(head.AsSpan(0, headLength));
            var type = DecideType(kind.Value, text, path, name);
            if (type is null)
            {
                return (null, kind == HeadKind.Zip
                    ? UploadRejection.UnsupportedType("The file is a ZIP archive but not a Word document (it has no "
                        + $"{ContentSniffer.DocxMainPart}); accepted are {s_accepted}.")
                    : NotAccepted());
            }

            keep = true;
            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return (new ReceivedFile(path, FileNames.WithExtensionOf(name, type), type, size, sha256), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!keep)
            {
                UploadSpool.Delete(path);
            }
        }
    }

    private static FileType? DecideType(HeadKind kind, TextCheck text, string path, string name)
    {
        if (ContentSniffer.TypeOf(kind) is { } binary)
        {
            return binary;
        }

        if (kind == HeadKind.Zip)
        {
            using var archive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ContentSniffer.IsDocx(archive) ? FileType.Docx : null;
        }

        return text.Complete() ? ContentSniffer.TextTypeFor(name) : null;
    }

    private static UploadRejection NotAccepted() => UploadRejection.UnsupportedType(
        $"The file's content is none of the accepted types ({s_accepted}); the type is decided from the bytes, "
        + "not from the name or the content type sent with it.");
}
