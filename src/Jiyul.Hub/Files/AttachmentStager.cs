using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Jiyul.Hub.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig.Core;

namespace Jiyul.Hub.Files;

/// <summary>
/// Places a message's attachments in the owner's workspace, so that the assistant in the cell can open them:
/// <c>attachments/{fileId}/{name}</c>, and beside a PDF or DOCX its text as <c>{name}.txt</c>. Files and directories are
/// given to the cell user, as the workspace seeder does for the rest of the workspace. Staging the same file again
/// rewrites nothing.
/// </summary>
internal sealed class AttachmentStager(
    HubDbContext db,
    IBlobStore blobs,
    HubPaths paths,
    TimeProvider time,
    IOptions<CellsOptions> cells,
    ILogger<AttachmentStager> logger)
{
    public const string Folder = "attachments";

    /// <summary>
    /// Copies each of <paramref name="ownerUid"/>'s files in <paramref name="fileIds"/> into the workspace and answers
    /// where the cell finds them, in the order asked. Any id that is not an unexpired file of the owner's (unknown,
    /// expired, another user's) fails the whole call with <see cref="AttachmentNotFoundException"/> before anything is
    /// written.
    /// </summary>
    public async Task<IReadOnlyList<StagedAttachment>> StageAsync(
        string ownerUid,
        IReadOnlyList<Guid> fileIds,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUid);
        ArgumentNullException.ThrowIfNull(fileIds);
        if (fileIds.Count == 0)
        {
            return [];
        }

        var wanted = fileIds.Distinct().ToList();
        var now = time.GetUtcNow();
        var files = await db.Files.AsNoTracking()
            .Where(f => wanted.Contains(f.Id) && f.OwnerUid == ownerUid && f.ExpiresAt > now)
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        var missing = wanted.Where(id => !files.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw new AttachmentNotFoundException(missing);
        }

        var uidHash = UidHash.Of(ownerUid);
        var workspace = paths.WorkspaceDirectory(uidHash);
        var folder = Path.Combine(workspace, Folder);
        foreach (var directory in new[] { paths.CellDirectory(uidHash), workspace, folder })
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                GiveToCell(directory, isDirectory: true);
            }
        }

        var staged = new List<StagedAttachment>(wanted.Count);
        foreach (var id in wanted)
        {
            staged.Add(await StageOneAsync(files[id], uidHash, folder, cancellationToken));
        }

        return staged;
    }

    private async Task<StagedAttachment> StageOneAsync(StoredFile file, string uidHash, string folder, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(folder, file.Id.ToString("N"));
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            GiveToCell(directory, isDirectory: true);
        }

        // The name was sanitised at upload: one segment, no separators, no control characters, short enough.
        var target = Path.Combine(directory, file.Name);
        if (!File.Exists(target) || new FileInfo(target).Length != file.Size)
        {
            await CopyBlobAsync(file, target, cancellationToken);
        }

        string? textPath = null;
        if (TextExtractor.CanExtract(file.ContentType))
        {
            var textTarget = target + ".txt";
            if (File.Exists(textTarget) || await WriteTextAsync(file, target, textTarget, cancellationToken))
            {
                textPath = textTarget;
            }
        }

        Log.AttachmentStaged(logger, file.Id, uidHash, textPath is not null);
        var inCell = $"{CellPaths.Workspace}/{Folder}/{file.Id:N}/{file.Name}";
        return new StagedAttachment(file.Id, file.Name, file.ContentType, inCell, textPath is null ? null : inCell + ".txt");
    }

    private async Task CopyBlobAsync(StoredFile file, string target, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(file.StorageKey, cancellationToken)
            ?? throw new AttachmentNotFoundException([file.Id]);

        var temp = target + ".jiyul-tmp";
        var moved = false;
        try
        {
            await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 128 * 1024, true))
            {
                await content.CopyToAsync(output, cancellationToken);
            }

            GiveToCell(temp, isDirectory: false);
            File.Move(temp, target, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                UploadSpool.Delete(temp);
            }
        }
    }

    private async Task<bool> WriteTextAsync(StoredFile file, string source, string target, CancellationToken cancellationToken)
    {
        string? text;
        try
        {
            text = await Task.Run(() => TextExtractor.Extract(source, file.ContentType), cancellationToken);
        }
        catch (Exception e) when (e is PdfDocumentFormatException or OpenXmlPackageException or InvalidDataException
            or InvalidOperationException or FormatException or ArgumentException or NotSupportedException or IOException)
        {
            Log.ExtractionFailed(logger, e, file.Id);
            return false;
        }

        if (text is null)
        {
            return false;
        }

        var temp = target + ".jiyul-tmp";
        await File.WriteAllTextAsync(temp, text, new UTF8Encoding(false), cancellationToken);
        GiveToCell(temp, isDirectory: false);
        File.Move(temp, target, overwrite: true);
        return true;
    }

    private void GiveToCell(string path, bool isDirectory)
    {
        var cell = cells.Value;
        try
        {
            File.SetUnixFileMode(path, isDirectory
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                  | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            if (NativeMethods.Chown(path, cell.CellUserId, cell.CellGroupId) != 0)
            {
                throw new IOException($"chown failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ChownFailed(logger, e, isDirectory ? path : Path.GetDirectoryName(path)!, cell.CellUserId);
        }
    }
}
