using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Jiyul.Hub.Tests.Files;

/// <summary>Bad uploads get a clear problem, and leave nothing behind: no blob, no record, no spool file.</summary>
public sealed class UploadValidationTests
{
    private const int MaxSize = 64 * 1024;
    private static readonly TimeSpan s_timeout = Uploads.Timeout;

    private static Dictionary<string, string?> Small => new()
    {
        ["Files:MaxSize"] = MaxSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:UploadsPerMinute"] = "0",
    };

    [Theory]
    [MemberData(nameof(FilesHub.Backends), MemberType = typeof(FilesHub))]
    public async Task Upload_OverTheLimit_Answers413AndLeavesNothing(string backend)
    {
        await using var files = await FilesHub.StartAsync(backend, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        using var response = await Uploads.PostAsync(client, Samples.Text(new string('a', MaxSize + 1)), "big.txt");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Uploads.ProblemAsync(response);
        Assert.Equal("too-large", problem.Reason);
        Assert.Contains(MaxSize.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail, StringComparison.Ordinal);

        Assert.Empty(await files.RowsAsync());
        Assert.Empty(await files.BlobsLeftAsync());
        Assert.Empty(files.SpoolLeft());

        // Exactly at the limit is fine.
        var atLimit = await Uploads.UploadAsync(client, Samples.Text(new string('a', MaxSize)), "fits.txt");
        Assert.Equal(MaxSize, atLimit.Size);
        Assert.Single(await files.BlobsLeftAsync());
    }

    [Fact]
    public async Task Upload_FarOverTheLimit_Answers413()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        // Beyond the body's own limit too (file limit + 1 MiB), so Kestrel's limit is the one that trips.
        using var response = await Uploads.PostAsync(client, Samples.Text(new string('a', MaxSize + (2 * 1024 * 1024))), "huge.txt");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await files.RowsAsync());
        Assert.Empty(await files.BlobsLeftAsync());
        Assert.Empty(files.SpoolLeft());
    }

    [Fact]
    public async Task Upload_Empty_Answers400()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        using var response = await Uploads.PostAsync(client, [], "empty.txt");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("empty-file", (await Uploads.ProblemAsync(response)).Reason);
        Assert.Empty(await files.RowsAsync());
        Assert.Empty(files.SpoolLeft());
    }

    [Fact]
    public async Task Upload_MalformedOrMissingParts_Answers400WithAReason()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        // No field named "file": another field only.
        using (var response = await client.PostAsync("/api/files", Uploads.Multipart(Samples.Text("hello"), "a.txt", field: "document"))
            .WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("no-file", (await Uploads.ProblemAsync(response)).Reason);
        }

        // Not multipart at all.
        using (var response = await client.PostAsync("/api/files", new StringContent("hello", Encoding.UTF8, "text/plain"))
            .WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("not-multipart", (await Uploads.ProblemAsync(response)).Reason);
        }

        // Multipart without a boundary.
        var noBoundary = new ByteArrayContent(Samples.Text("hello"));
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        using (var response = await client.PostAsync("/api/files", noBoundary).WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("not-multipart", (await Uploads.ProblemAsync(response)).Reason);
        }

        // A body cut off in the middle of the file part: no closing boundary.
        var truncated = new ByteArrayContent(Encoding.UTF8.GetBytes(
            $"--{Uploads.Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello wor"));
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Uploads.Boundary}");
        using (var response = await client.PostAsync("/api/files", truncated).WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("malformed-multipart", (await Uploads.ProblemAsync(response)).Reason);
        }

        // Garbage that never even starts a part.
        var garbage = new ByteArrayContent(Encoding.UTF8.GetBytes("this is not a multipart body at all"));
        garbage.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Uploads.Boundary}");
        using (var response = await client.PostAsync("/api/files", garbage).WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Empty(await files.RowsAsync());
        Assert.Empty(await files.BlobsLeftAsync());
        Assert.Empty(files.SpoolLeft());
    }

    [Fact]
    public async Task Upload_OtherFieldsBeforeTheFile_AreSkipped()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        using var response = await client.PostAsync("/api/files", Uploads.Multipart(Samples.Png(), "dot.png", extraField: "a note"))
            .WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "an ELF executable", Samples.Elf(), "tool.txt" },
        { "a ZIP that is not a Word document", Samples.Zip("word/other.xml", "<x/>"), "report.docx" },
        { "text in Latin-1, not UTF-8", [0x63, 0x61, 0x66, 0xE9, 0x0A], "menu.txt" },
        { "text with a NUL", Samples.Text("abc\0def"), "notes.txt" },
        { "text with an escape character", Samples.Text("abc\u001b[31mred"), "notes.md" },
        { "UTF-8 cut in the middle of a character", [.. Samples.Text("계약"), 0xEC, 0x84], "notes.txt" },
        { "a GIF", [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0], "cat.png" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Upload_ContentOfAnotherType_Answers415(string what, byte[] content, string name)
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        using var response = await Uploads.PostAsync(client, content, name);
        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{what}: {(int)response.StatusCode}");
        var problem = await Uploads.ProblemAsync(response);
        Assert.Equal("unsupported-type", problem.Reason);
        Assert.False(string.IsNullOrEmpty(problem.Detail));
        Assert.Empty(await files.RowsAsync());
        Assert.Empty(await files.BlobsLeftAsync());
        Assert.Empty(files.SpoolLeft());
    }

    [Fact]
    public async Task Upload_ElfLargerThanTheHead_IsRefusedBeforeTheRestIsStored()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();
        var binary = new byte[MaxSize];
        Samples.Elf().CopyTo(binary, 0);

        using var response = await Uploads.PostAsync(client, binary, "a.out");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(files.SpoolLeft());
    }

    public static TheoryData<byte[], string, string, string> Accepted => new()
    {
        { Samples.Png(), "report.pdf", "image/png", "report.pdf.png" },
        { Samples.Jpeg(), "photo.JPEG", "image/jpeg", "photo.JPEG" },
        { Samples.Webp(), "sticker", "image/webp", "sticker.webp" },
        { Samples.Pdf("notice"), "notice.png", "application/pdf", "notice.png.pdf" },
        { Samples.Docx("hello"), "letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "letter.docx" },
        { Samples.Text("# Title\n\nBody\n"), "README.md", "text/markdown; charset=utf-8", "README.md" },
        { Samples.Text("a,b\n1,2\n"), "table.csv", "text/plain; charset=utf-8", "table.csv" },
        { Samples.Text("\uFEFF전세 계약 메모\r\n\t보증금"), "메모.txt", "text/plain; charset=utf-8", "메모.txt" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Upload_TypeComesFromTheContent_NotTheName(byte[] content, string name, string contentType, string storedName)
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        var uploaded = await Uploads.UploadAsync(client, content, name);
        Assert.Equal(contentType, uploaded.ContentType);
        Assert.Equal(storedName, uploaded.Name);

        using var download = await client.GetAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout);
        Assert.Equal(contentType, download.Content.Headers.ContentType!.ToString());
    }

    public static TheoryData<string, string> HostileNames => new()
    {
        { "../../etc/passwd", "passwd" },
        { "..\\..\\windows\\system.ini", "system.ini" },
        { "/", "file" },
        { "..", "file" },
        { "a\0b\r\nc.txt", "abc.txt" },
        { "invoice\u202Etxt.exe", "invoicetxt.exe" },
        { "\u200Bhidden\u2066.txt", "hidden.txt" },
        { "what?<is>:this*|\".txt", "what__is__this___.txt" },
        { "  .bashrc  ", "bashrc" },
        { "CON.txt", "_CON.txt" },
        { "계약서 (최종).txt", "계약서 (최종).txt" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Upload_HostileName_IsSanitised(string sent, string stored)
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        var uploaded = await Uploads.UploadAsync(client, Samples.Text("text"), sent);
        Assert.Equal(stored, uploaded.Name);

        // Nothing landed outside the store, and the blob's path has nothing of the name in it.
        var blob = Assert.Single(await files.BlobsLeftAsync());
        Assert.Matches("^[0-9a-f]{32}/[0-9a-f]{32}$", blob);
    }

    [Fact]
    public async Task Upload_NameAsBrowsersSendIt_RawUtf8InFilename_IsKept()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        var form = Uploads.Multipart(Samples.Pdf("x"), "전세 계약서.pdf", rawName: true);
        using var response = await client.PostAsync("/api/files", form).WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("전세 계약서.pdf", (await response.Content.ReadFromJsonAsync<FileShape>().WaitAsync(s_timeout))!.Name);
    }

    [Fact]
    public async Task Upload_VeryLongName_IsCutKeepingTheExtension()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, settings: Small);
        var (client, _) = await files.Hub.SignUpAsync();

        var uploaded = await Uploads.UploadAsync(client, Samples.Pdf("x"), new string('가', 300) + ".pdf");
        Assert.EndsWith("가.pdf", uploaded.Name, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(uploaded.Name), 190, Jiyul.Hub.Files.FileNames.MaxBytes);

        var unnamed = await Uploads.UploadAsync(client, Samples.Text("x"), "");
        Assert.Equal("file", unnamed.Name);
    }
}
