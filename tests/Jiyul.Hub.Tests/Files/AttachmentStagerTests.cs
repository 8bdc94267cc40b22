using Jiyul.Hub.Cells;
using Jiyul.Hub.Files;
using Jiyul.Hub.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Files;

/// <summary>Staging puts the file, and the text of a PDF or DOCX beside it, where the cell reads its workspace.</summary>
public sealed class AttachmentStagerTests
{
    private static readonly TimeSpan s_timeout = Uploads.Timeout;

    [Theory]
    [MemberData(nameof(FilesHub.Backends), MemberType = typeof(FilesHub))]
    public async Task Stage_PdfAndDocx_WritesFilesAndExtractedText(string backend)
    {
        await using var files = await FilesHub.StartAsync(backend);
        var (client, uid) = await files.Hub.SignUpAsync();
        var pdf = await Uploads.UploadAsync(client, Samples.Pdf("Lease notice: the deposit is due on 1 March"), "notice.pdf");
        var docx = await Uploads.UploadAsync(client, Samples.Docx("임대차 계약서", "보증금 일억 원"), "계약서.docx");
        var text = await Uploads.UploadAsync(client, Samples.Text("# 메모\n"), "memo.md");

        var staged = await StageAsync(files, uid, [pdf.Id, docx.Id, text.Id]);

        Assert.Equal([pdf.Id, docx.Id, text.Id], staged.Select(s => s.FileId));
        var workspace = files.Hub.Services.GetRequiredService<HubPaths>().WorkspaceDirectory(UidHash.Of(uid));
        foreach (var attachment in staged)
        {
            Assert.StartsWith($"{CellPaths.Workspace}/attachments/{attachment.FileId:N}/", attachment.CellPath, StringComparison.Ordinal);
        }

        var pdfStaged = staged[0];
        Assert.Equal("application/pdf", pdfStaged.ContentType);
        Assert.Equal(await client.GetByteArrayAsync($"/api/files/{pdf.Id}").WaitAsync(s_timeout),
            await File.ReadAllBytesAsync(OnHost(workspace, pdfStaged.CellPath)));
        Assert.Equal(pdfStaged.CellPath + ".txt", pdfStaged.TextCellPath);
        var pdfText = await File.ReadAllTextAsync(OnHost(workspace, pdfStaged.TextCellPath!));
        Assert.Contains("deposit is due", pdfText, StringComparison.Ordinal);

        var docxStaged = staged[1];
        Assert.EndsWith("/계약서.docx", docxStaged.CellPath, StringComparison.Ordinal);
        var docxText = await File.ReadAllTextAsync(OnHost(workspace, docxStaged.TextCellPath!));
        Assert.Contains("임대차 계약서", docxText, StringComparison.Ordinal);
        Assert.Contains("보증금 일억 원", docxText, StringComparison.Ordinal);

        // Text needs no extraction: the file is its own text.
        Assert.Null(staged[2].TextCellPath);
        Assert.Equal("# 메모\n", await File.ReadAllTextAsync(OnHost(workspace, staged[2].CellPath)));

        // Readable by the cell user: every file world-readable, every directory on the way enterable.
        var mode = File.GetUnixFileMode(OnHost(workspace, pdfStaged.TextCellPath!));
        Assert.True(mode.HasFlag(UnixFileMode.OtherRead), mode.ToString());
        var folder = Path.GetDirectoryName(OnHost(workspace, pdfStaged.CellPath))!;
        Assert.True(File.GetUnixFileMode(folder).HasFlag(UnixFileMode.OtherExecute));

        // Staging again is harmless and answers the same.
        var again = await StageAsync(files, uid, [pdf.Id]);
        Assert.Equal(pdfStaged, Assert.Single(again));
    }

    [Fact]
    public async Task Stage_AnotherUsersOrAnUnknownId_ThrowsAndWritesNothing()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local);
        var (owner, _) = await files.Hub.SignUpAsync();
        var (_, otherUid) = await files.Hub.SignUpAsync();
        var theirs = await Uploads.UploadAsync(owner, Samples.Pdf("private"), "private.pdf");
        var unknown = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<AttachmentNotFoundException>(() => StageAsync(files, otherUid, [theirs.Id, unknown]));
        Assert.Equal([theirs.Id, unknown], error.MissingIds);
        var workspace = files.Hub.Services.GetRequiredService<HubPaths>().WorkspaceDirectory(UidHash.Of(otherUid));
        Assert.False(Directory.Exists(Path.Combine(workspace, AttachmentStager.Folder)));
    }

    private static async Task<IReadOnlyList<StagedAttachment>> StageAsync(FilesHub files, string uid, Guid[] ids)
    {
        await using var scope = files.Hub.Services.CreateAsyncScope();
        var stager = scope.ServiceProvider.GetRequiredService<AttachmentStager>();
        return await stager.StageAsync(uid, ids, CancellationToken.None).WaitAsync(s_timeout);
    }

    private static string OnHost(string workspace, string cellPath) =>
        Path.Combine(workspace, Path.GetRelativePath(CellPaths.Workspace, cellPath));
}
