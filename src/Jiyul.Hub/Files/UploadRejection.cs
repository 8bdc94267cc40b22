namespace Jiyul.Hub.Files;

/// <summary>Why an upload was refused: the status, a stable reason code for clients, and a sentence for people.</summary>
internal sealed record UploadRejection(int Status, string Reason, string Title, string Detail)
{
    public static UploadRejection NotMultipart(string detail) =>
        new(StatusCodes.Status400BadRequest, "not-multipart", "The upload is not a multipart form", detail);

    public static UploadRejection Malformed(string detail) =>
        new(StatusCodes.Status400BadRequest, "malformed-multipart", "The multipart body could not be read", detail);

    public static UploadRejection NoFile() =>
        new(StatusCodes.Status400BadRequest, "no-file", "The form has no file",
            "The form has no 'file' field; send the file in a multipart field named 'file'.");

    public static UploadRejection Empty() =>
        new(StatusCodes.Status400BadRequest, "empty-file", "The file is empty", "The file has no bytes; there is nothing to keep.");

    public static UploadRejection TooLarge(long maxSize) =>
        new(StatusCodes.Status413PayloadTooLarge, "too-large", "The file is too large",
            $"The file is larger than the limit of {maxSize} bytes ({maxSize / (1024.0 * 1024.0):0.##} MiB); nothing was kept.");

    public static UploadRejection UnsupportedType(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported-type", "The file's type is not accepted", detail);
}
