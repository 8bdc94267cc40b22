using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Files;

/// <summary>
/// A user's files: stores an accepted upload (blob first, then its record), lists, finds and deletes them. Every
/// query is scoped to the owner and to files that have not expired, so another user's id and an expired file look
/// the same: not there.
/// </summary>
internal sealed class FileService(
    HubDbContext db,
    IBlobStore blobs,
    TimeProvider time,
    IOptions<FilesOptions> options,
    ILogger<FileService> logger)
{
    public async Task<StoredFile> StoreAsync(string ownerUid, ReceivedFile received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        var now = Now();
        var id = Guid.CreateVersion7(now);
        var file = new StoredFile
        {
            Id = id,
            OwnerUid = ownerUid,
            Name = received.Name,
            ContentType = received.Type.ContentType,
            Size = received.Size,
            StorageKey = BlobKeys.For(ownerUid, id),
            Sha256 = received.Sha256,
            CreatedAt = now,
            ExpiresAt = now + options.Value.Retention,
        };

        await blobs.PutFileAsync(file.StorageKey, received.SpoolPath, cancellationToken);

        var saved = false;
        try
        {
            db.Files.Add(file);
            await db.SaveChangesAsync(cancellationToken);
            saved = true;
        }
        finally
        {
            if (!saved)
            {
                await RemoveOrphanAsync(file);
            }
        }

        Log.FileStored(logger, id, UidHash.Of(ownerUid), file.Size, file.ContentType);
        return file;
    }

    public async Task<FilePage> ListAsync(string ownerUid, FileCursor? after, int limit, CancellationToken cancellationToken)
    {
        var now = Now();
        var query = db.Files.AsNoTracking().Where(f => f.OwnerUid == ownerUid && f.ExpiresAt > now);
        if (after is { } cursor)
        {
            query = query.Where(f => f.CreatedAt < cursor.CreatedAt || (f.CreatedAt == cursor.CreatedAt && f.Id.CompareTo(cursor.Id) < 0));
        }

        var files = await query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)
            .Take(limit + 1).ToListAsync(cancellationToken);
        var more = files.Count > limit;
        var page = files.Take(limit).Select(FileAnswer.Of).ToList();
        var next = more ? new FileCursor(page[^1].CreatedAt, page[^1].Id).ToString() : null;
        return new FilePage(page, next);
    }

    /// <summary>The owner's file with that id, if it has not expired; null otherwise, whoever else owns the id.</summary>
    public Task<StoredFile?> FindAsync(string ownerUid, Guid id, CancellationToken cancellationToken)
    {
        var now = Now();
        return db.Files.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == id && f.OwnerUid == ownerUid && f.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Deletes the blob, then the record (a record never points at nothing for long); false when not found.</summary>
    public async Task<bool> DeleteAsync(string ownerUid, Guid id, CancellationToken cancellationToken)
    {
        var now = Now();
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == id && f.OwnerUid == ownerUid && f.ExpiresAt > now, cancellationToken);
        if (file is null)
        {
            return false;
        }

        await blobs.DeleteAsync(file.StorageKey, cancellationToken);
        db.Files.Remove(file);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted meanwhile by another request or by the sweeper: the outcome the caller asked for.
        }

        Log.FileDeleted(logger, id, UidHash.Of(ownerUid));
        return true;
    }

    /// <summary>Open the blob of a file already found for its owner; null when the blob is missing (logged).</summary>
    public async Task<Stream?> OpenAsync(StoredFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stream = await blobs.OpenReadAsync(file.StorageKey, cancellationToken);
        if (stream is null)
        {
            Log.BlobMissing(logger, file.Id);
        }

        return stream;
    }

    // PostgreSQL keeps microseconds; instants are cut to that here so what is stored reads back equal on every store.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % 10));
    }

    // With a fresh token: the request's may be the very thing that failed the save.
    private async Task RemoveOrphanAsync(StoredFile file)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await blobs.DeleteAsync(file.StorageKey, timeout.Token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException
            or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            Log.OrphanBlobLeft(logger, e, file.Id);
        }
    }
}
