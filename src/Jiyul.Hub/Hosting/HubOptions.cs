namespace Jiyul.Hub.Hosting;

/// <summary>Where the hub keeps its state on disk (section <c>Hub</c>).</summary>
public sealed record HubOptions
{
    public const string SectionName = "Hub";

    /// <summary>Root of everything the hub writes: database, keys, cell directories, model socket.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The knowledge pack whose persona seeds workspaces and whose skills every cell reads.</summary>
    public string PackDirectory { get; init; } = "packs/legal-tax-ko";

    /// <summary>Database connection string; empty means SQLite at <c>{DataDirectory}/jiyul.db</c>.</summary>
    public string? ConnectionString { get; init; }
}
