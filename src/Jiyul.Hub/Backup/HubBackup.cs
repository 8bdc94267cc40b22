using Jiyul.Hub.Data;
using Jiyul.Hub.Files;
using Jiyul.Hub.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Backup;

/// <summary>
/// Copies everything a hub needs to come back elsewhere, while it runs, and puts such a copy onto an empty data
/// directory: the store (SQLite's online backup, or pg_dump), the keys (<c>keys/</c>: local sign-in tokens and cell
/// tokens stay valid), the cells' workspaces and runtime state (<c>cells/*/workspace</c>, <c>cells/*/state</c>), and
/// the local blobs of uploaded files. The store is copied first: a file uploaded while the rest is copied then has its
/// bytes in the backup without a record (harmless), never a record without its bytes, unless it was deleted meanwhile.
/// </summary>
internal sealed class HubBackup(
    HubPaths paths,
    IOptions<HubOptions> hub,
    IOptions<FilesOptions> files,
    IServiceScopeFactory scopes,
    TimeProvider time)
{
    public const string SqliteFile = "store.sqlite";
    public const string PostgresFile = "store.pgdump";
    public const string KeysFile = "keys.tar";
    public const string CellsFile = "cells.tar";
    public const string BlobsFile = "files.tar";

    private string CellsDirectory => Path.Combine(paths.DataDirectory, "cells");

    public async Task<string> BackupAsync(string directory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new BackupException($"{directory} is not empty; a backup goes into a new or empty directory.");
        }

        var provider = hub.Value.Database;
        IReadOnlyList<string> migrations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var connectionString = db.Database.GetConnectionString()!;

            // Opening a SQLite file that is not there would make an empty one: a wrong --data is said, not backed up.
            if (provider == DatabaseProvider.Sqlite && !File.Exists(SqlitePath(connectionString)))
            {
                throw new BackupException($"There is no store at {SqlitePath(connectionString)}; is the data directory right?");
            }

            migrations = [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)];
            if (migrations.Count == 0)
            {
                throw new BackupException("The store has no migrations applied: no hub has run on it. Check Hub:DataDirectory, "
                    + "Hub:Database and Hub:ConnectionString.");
            }

            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (provider == DatabaseProvider.Postgres)
            {
                await PostgresTools.DumpAsync(connectionString, Path.Combine(directory, PostgresFile), cancellationToken);
            }
            else
            {
                CopySqlite(connectionString, Path.Combine(directory, SqliteFile));
            }
        }

        TreeArchive.Create(paths.KeysDirectory, Path.Combine(directory, KeysFile));

        // run/ holds only the gateway socket, which the cell makes again when it starts.
        var cellFiles = TreeArchive.Create(CellsDirectory, Path.Combine(directory, CellsFile),
            relative => relative.Split('/') is not [_, "run", ..]);

        var storage = files.Value.Storage;
        var blobs = 0;
        if (storage == BlobStorageKind.Local)
        {
            blobs = TreeArchive.Create(BlobDirectory(), Path.Combine(directory, BlobsFile),
                relative => !relative.EndsWith(".tmp", StringComparison.Ordinal));
        }

        new BackupManifest
        {
            CreatedAt = time.GetUtcNow(),
            Database = provider,
            Migrations = migrations,
            Files = storage,
        }.Write(directory);

        var blobNote = storage == BlobStorageKind.Local
            ? $"{blobs} file blob(s)"
            : "no file blobs (they are in the S3 bucket, which its service backs up)";
        return $"{provider} store ({migrations.Count} migration(s)), keys, {cellFiles} workspace and state file(s), {blobNote}";
    }

    public async Task<string> RestoreAsync(string directory, CancellationToken cancellationToken)
    {
        var manifest = BackupManifest.Read(directory);
        var provider = hub.Value.Database;
        if (manifest.Database != provider)
        {
            throw new BackupException($"The backup holds a {manifest.Database} store, but this hub is set to {provider} "
                + "(Hub:Database); restore onto the same kind of store.");
        }

        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.GetConnectionString()!;
        }

        await RequireEmptyAsync(provider, connectionString, manifest, cancellationToken);

        if (provider == DatabaseProvider.Postgres)
        {
            await PostgresTools.RestoreAsync(connectionString, Path.Combine(directory, PostgresFile), cancellationToken);
        }
        else
        {
            var target = SqlitePath(connectionString);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(directory, SqliteFile), target, overwrite: false);
        }

        TreeArchive.Extract(Path.Combine(directory, KeysFile), paths.KeysDirectory);
        var cellFiles = TreeArchive.Extract(Path.Combine(directory, CellsFile), CellsDirectory);
        var blobs = 0;
        if (manifest.Files == BlobStorageKind.Local)
        {
            blobs = TreeArchive.Extract(Path.Combine(directory, BlobsFile), BlobDirectory());
        }

        return $"{provider} store ({manifest.Migrations.Count} migration(s)), keys, {cellFiles} workspace and state file(s), "
            + $"{blobs} file blob(s), from a backup of {manifest.CreatedAt:u}";
    }

    private async Task RequireEmptyAsync(
        DatabaseProvider provider,
        string connectionString,
        BackupManifest manifest,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (provider == DatabaseProvider.Postgres)
        {
            if (!await PostgresTools.IsEmptyAsync(connectionString, cancellationToken))
            {
                problems.Add("the PostgreSQL database already has tables (make an empty one)");
            }
        }
        else if (File.Exists(SqlitePath(connectionString)))
        {
            problems.Add($"{SqlitePath(connectionString)} exists");
        }

        foreach (var directory in new[] { paths.KeysDirectory, CellsDirectory })
        {
            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            {
                problems.Add($"{directory} is not empty");
            }
        }

        if (manifest.Files == BlobStorageKind.Local)
        {
            if (files.Value.Storage != BlobStorageKind.Local)
            {
                problems.Add("the backup holds local file blobs but this hub keeps files in S3 (Files:Storage)");
            }
            else if (Directory.Exists(BlobDirectory()) && Directory.EnumerateFileSystemEntries(BlobDirectory()).Any())
            {
                problems.Add($"{BlobDirectory()} is not empty");
            }
        }

        if (problems.Count > 0)
        {
            throw new BackupException("A backup is restored only onto an empty hub, and here "
                + string.Join("; ", problems) + ". Stop the hub and restore onto a new data directory.");
        }
    }

    private string BlobDirectory() => string.IsNullOrWhiteSpace(files.Value.Directory)
        ? Path.Combine(paths.DataDirectory, "files")
        : Path.GetFullPath(files.Value.Directory, paths.DataDirectory);

    private static string SqlitePath(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>SQLite's online backup: a consistent copy page by page while the hub goes on writing.</summary>
    private static void CopySqlite(string connectionString, string target)
    {
        using var source = new SqliteConnection(connectionString);
        source.Open();
        var destinationString = new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString();
        using var destination = new SqliteConnection(destinationString);
        destination.Open();
        source.BackupDatabase(destination);
    }
}
