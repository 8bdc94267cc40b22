namespace Jiyul.Bench.Hosting;

/// <summary>The checkout the bench runs from: the nearest directory above the program that holds Jiyul.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Jiyul.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"No Jiyul.slnx above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; "
            + "run the bench from the repository.");
    }
}
