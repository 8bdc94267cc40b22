namespace Jiyul.Testing;

/// <summary>The checkout the tests run from: the nearest directory above the test assembly that holds Jiyul.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Jiyul.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Jiyul.slnx above {AppContext.BaseDirectory}.");
    }
}
