using Jiyul.Hub.Data;

namespace Jiyul.Hub.Hosting;

/// <summary>Where the hub keeps its state on disk (section <c>Hub</c>).</summary>
public sealed record HubOptions
{
    public const string SectionName = "Hub";

    /// <summary>Root of everything the hub writes: database, keys, cell directories, model socket.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The knowledge pack whose persona seeds workspaces and whose skills every cell reads.</summary>
    public string PackDirectory { get; init; } = "packs/legal-tax-ko";

    /// <summary>Which database holds the store: <c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Database { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Database connection string. For SQLite, empty means <c>{DataDirectory}/jiyul.db</c>; PostgreSQL needs one,
    /// such as <c>Host=127.0.0.1;Database=jiyul;Username=jiyul;Password=...</c>.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// The built web app (<c>npm run build</c> in <c>web/</c> writes it to <c>web/out</c>), served at <c>/</c>.
    /// A directory that does not exist leaves the hub an API only, with a warning at start.
    /// </summary>
    public string WebDirectory { get; init; } = "web/out";

    /// <summary>
    /// Allows plain HTTP on an address that is not loopback (a private network between a proxy and the hub); without
    /// it such a hub refuses to start. See <see cref="ExposureValidator"/>.
    /// </summary>
    public bool AllowPublicHttp { get; init; }
}
