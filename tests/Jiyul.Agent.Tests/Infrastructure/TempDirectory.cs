namespace Jiyul.Agent.Tests.Infrastructure;

/// <summary>
/// A directory of its own for one test, removed afterwards. Kept short and under /tmp: unix socket paths may
/// be at most 107 bytes.
/// </summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("jat-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string WriteFile(string relativePath, string text)
    {
        var file = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A socket still closing can hold the directory for a moment; the system's tmp cleaning takes it later.
        }
    }
}
