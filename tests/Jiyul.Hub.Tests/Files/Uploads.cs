using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Jiyul.Hub.Tests.Files;

/// <summary>Builds upload requests byte for byte, so tests control every header a hostile client could send.</summary>
internal static class Uploads
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public const string Boundary = "jiyul-test-boundary-7f3a";

    /// <summary>A multipart body with one part; <paramref name="fileName"/> goes in <c>filename*</c>, percent-encoded UTF-8.</summary>
    /// <remarks>With <paramref name="rawName"/>, the name goes as browsers send it: raw UTF-8 in <c>filename</c>.</remarks>
    public static HttpContent Multipart(
        byte[] content,
        string? fileName,
        string field = "file",
        string? extraField = null,
        bool rawName = false)
    {
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));

        if (extraField is not null)
        {
            Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{extraField}\r\n");
        }

        Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"");
        if (fileName is not null && rawName)
        {
            Write($"; filename=\"{fileName}\"");
        }
        else if (fileName is not null)
        {
            Write($"; filename=\"upload\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}");
        }

        Write("\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.Write(content);
        Write($"\r\n--{Boundary}--\r\n");

        var http = new ByteArrayContent(body.ToArray());
        http.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return http;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] content, string? fileName) =>
        await client.PostAsync("/api/files", Multipart(content, fileName)).WaitAsync(Timeout);

    /// <summary>Uploads and answers the hub's description of the stored file; fails the test unless it is 201.</summary>
    public static async Task<FileShape> UploadAsync(HttpClient client, byte[] content, string fileName)
    {
        using var response = await PostAsync(client, content, fileName);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return (await response.Content.ReadFromJsonAsync<FileShape>().WaitAsync(Timeout))!;
    }

    public static async Task<ProblemShape> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ProblemShape>().WaitAsync(Timeout))!;
}

internal sealed record FileShape(Guid Id, string Name, long Size, string ContentType, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

internal sealed record PageShape(List<FileShape> Items, string? Next);

internal sealed record ProblemShape(int Status, string? Title, string? Detail, string? Reason);
