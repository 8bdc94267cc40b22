namespace Jiyul.Knowledge.Tests.Infrastructure;

/// <summary>A copy of a fixture pack in a temporary directory of its own, for a test to break or edit.</summary>
internal sealed class TempPack : IDisposable
{
    private TempPack(string directory) => Directory = directory;

    public string Directory { get; }

    public static string FixturePath(string name) => RepositoryRoot.Combine("tests", "Jiyul.Knowledge.Tests", "Fixtures", name);

    public static TempPack CopyOf(string fixture)
    {
        var target = System.IO.Directory.CreateTempSubdirectory("jiyul-pack-").FullName;
        var source = FixturePath(fixture);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return new TempPack(target);
    }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Write(string relative, string text)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Replaces text that must be there, so that a fixture edit that no longer applies fails loudly.</summary>
    public void Replace(string relative, string oldText, string newText)
    {
        var text = File.ReadAllText(PathOf(relative));
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        File.WriteAllText(PathOf(relative), text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the directory for a moment; the OS cleans temporary files.
        }
    }
}
