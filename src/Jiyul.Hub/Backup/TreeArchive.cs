using System.Formats.Tar;
using Jiyul.Hub.Cells;

namespace Jiyul.Hub.Backup;

/// <summary>
/// A directory tree as a tar file, with owners and modes, and back. Only directories and regular files come back:
/// sockets (a cell's <c>gateway.sock</c>) mean nothing in a backup, and a symbolic link a cell made could point a
/// restore run by root anywhere on the host, so links are left out. Files are read as they are at that moment, so a file written while the
/// backup runs may be caught half-written; the store, which matters most, is copied as one consistent snapshot.
/// </summary>
internal static class TreeArchive
{
    /// <summary>Writes every directory and regular file under <paramref name="root"/> that <paramref name="include"/>
    /// accepts (given the path relative to the root, with '/'), and answers how many files were written.</summary>
    public static int Create(string root, string tarFile, Func<string, bool>? include = null)
    {
        using var stream = File.Create(tarFile);
        using var writer = new TarWriter(stream, TarEntryFormat.Pax);
        var files = 0;
        if (!Directory.Exists(root))
        {
            return files;
        }

        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var path in ListOrNothing(directory))
            {
                var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                if (include is not null && !include(relative))
                {
                    continue;
                }

                var info = new FileInfo(path);
                if (info.LinkTarget is not null)
                {
                    continue;
                }

                if (info.Attributes.HasFlag(FileAttributes.Directory))
                {
                    writer.WriteEntry(path, relative);
                    pending.Push(path);
                }
                else
                {
                    // The file may vanish between listing and reading (an upload's temporary name, a deleted file).
                    // Special files other than sockets go in as entries without content, which restore skips; a
                    // socket stops the backup, which is why callers leave out the directories that hold them.
                    try
                    {
                        writer.WriteEntry(path, relative);
                        files++;
                    }
                    catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                    {
                    }
                }
            }
        }

        return files;
    }

    /// <summary>
    /// Extracts into <paramref name="root"/>, refusing any name that would land outside it, and gives every entry its
    /// mode and, when run as root, its owner back (cells run as their own user and must keep writing their files).
    /// </summary>
    public static int Extract(string tarFile, string root)
    {
        Directory.CreateDirectory(root);
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        var directories = new List<(string Path, TarEntry Entry)>();
        var files = 0;
        using var stream = File.OpenRead(tarFile);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            var target = Path.GetFullPath(Path.Combine(fullRoot, entry.Name));
            if (!target.StartsWith(fullRoot, StringComparison.Ordinal))
            {
                throw new BackupException($"{tarFile} holds '{entry.Name}', which points outside {root}.");
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    directories.Add((target, entry));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    entry.ExtractToFile(target, overwrite: false);
                    Restore(target, entry);
                    files++;
                    break;
                default:
                    break;
            }
        }

        // Directories last, so that a read-only directory does not stop its own files from being written.
        foreach (var (path, entry) in directories)
        {
            Restore(path, entry);
        }

        return files;
    }

    // A directory removed while the backup runs (a file deleted with its folder) is simply no longer there.
    private static string[] ListOrNothing(string directory)
    {
        try
        {
            return Directory.GetFileSystemEntries(directory);
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static void Restore(string path, TarEntry entry)
    {
        File.SetUnixFileMode(path, entry.Mode);
        if (Environment.IsPrivilegedProcess && NativeMethods.Chown(path, entry.Uid, entry.Gid) != 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            throw new BackupException($"Could not give {path} to {entry.Uid}:{entry.Gid} (errno {errno}).");
        }
    }
}
