using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Jiyul.Hub.Files;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Files;

/// <summary>The files API end to end, on both blob backends and both stores: what goes up comes down, to its owner only.</summary>
public sealed class FileApiTests
{
    private static readonly TimeSpan s_timeout = Uploads.Timeout;

    [Theory]
    [MemberData(nameof(FilesHub.BackendsAndStores), MemberType = typeof(FilesHub))]
    public async Task Upload_List_Download_Delete_RoundTripsTheBytes(string backend, string store)
    {
        await using var files = await FilesHub.StartAsync(backend, store);
        var (client, uid) = await files.Hub.SignUpAsync();
        var pdf = Samples.Pdf("Lease contract, deposit 10,000,000 won");

        var uploaded = await Uploads.UploadAsync(client, pdf, "lease.pdf");
        Assert.Equal("lease.pdf", uploaded.Name);
        Assert.Equal(pdf.Length, uploaded.Size);
        Assert.Equal("application/pdf", uploaded.ContentType);
        Assert.Equal(uploaded.CreatedAt + TimeSpan.FromDays(30), uploaded.ExpiresAt);

        // The key is made of ids only.
        var row = Assert.Single(await files.RowsAsync());
        Assert.Equal($"{Jiyul.Hub.Cells.UidHash.Of(uid)}/{uploaded.Id:N}", row.StorageKey);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), row.Sha256);
        Assert.Equal([row.StorageKey], await files.BlobsLeftAsync());

        var page = await client.GetFromJsonAsync<PageShape>("/api/files").WaitAsync(s_timeout);
        Assert.Equal(uploaded.Id, Assert.Single(page!.Items).Id);
        Assert.Null(page.Next);

        using (var download = await client.GetAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("lease.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
            Assert.Equal(pdf.Length, download.Content.Headers.ContentLength);
            Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync().WaitAsync(s_timeout));
        }

        using (var delete = await client.DeleteAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Empty(await files.RowsAsync());
        Assert.Empty(await files.BlobsLeftAsync());
        using var gone = await client.GetAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var again = await client.DeleteAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [MemberData(nameof(FilesHub.Backends), MemberType = typeof(FilesHub))]
    public async Task AnotherUsersId_AnswersNotFoundOnEveryEndpoint_AndLeavesTheFile(string backend)
    {
        await using var files = await FilesHub.StartAsync(backend);
        var (owner, _) = await files.Hub.SignUpAsync();
        var (other, _) = await files.Hub.SignUpAsync();
        var secret = Samples.Text("the owner's private notes");
        var uploaded = await Uploads.UploadAsync(owner, secret, "private.txt");

        using (var download = await other.GetAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
            var body = await download.Content.ReadAsStringAsync().WaitAsync(s_timeout);
            Assert.DoesNotContain("private", body, StringComparison.Ordinal);
            Assert.Null(download.Content.Headers.ContentDisposition);
        }

        using (var delete = await other.DeleteAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        var theirs = await other.GetFromJsonAsync<PageShape>("/api/files").WaitAsync(s_timeout);
        Assert.Empty(theirs!.Items);

        // The owner still has it, whole.
        Assert.Equal(secret, await owner.GetByteArrayAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout));
        Assert.Single(await files.BlobsLeftAsync());

        using var anonymous = await files.Hub.Client.GetAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task List_PagesNewestFirst_WithACursor(string store)
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local, store, new Dictionary<string, string?>
        {
            ["Files:PageSize"] = "2",
            ["Limits:UploadsPerMinute"] = "0",
        });
        var (client, _) = await files.Hub.SignUpAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Uploads.UploadAsync(client, Samples.Text($"note {i}"), $"note{i}.txt")).Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = cursor is null ? "/api/files?limit=5" : $"/api/files?limit=5&cursor={Uri.EscapeDataString(cursor)}";
            var page = await client.GetFromJsonAsync<PageShape>(url).WaitAsync(s_timeout);
            Assert.InRange(page!.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(f => f.Id));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 10);

        ids.Reverse();
        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);

        using var bad = await client.GetAsync("/api/files?cursor=not-a-cursor").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid-cursor", (await Uploads.ProblemAsync(bad)).Reason);
    }

    [Fact]
    public async Task Download_KoreanName_IsOfferedAsRfc5987FileName()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local);
        var (client, _) = await files.Hub.SignUpAsync();
        var uploaded = await Uploads.UploadAsync(client, Samples.Docx("임대차 계약서"), "임대차 계약서.docx");
        Assert.Equal("임대차 계약서.docx", uploaded.Name);
        Assert.Equal(FileType.Docx.ContentType, uploaded.ContentType);

        using var download = await client.GetAsync($"/api/files/{uploaded.Id}").WaitAsync(s_timeout);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("임대차 계약서.docx", disposition.FileNameStar);
        Assert.True(disposition.FileName!.All(char.IsAscii), disposition.FileName);
        Assert.Contains("filename*=UTF-8''", download.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
    }
}
