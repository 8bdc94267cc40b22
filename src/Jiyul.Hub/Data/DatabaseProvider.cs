namespace Jiyul.Hub.Data;

/// <summary>Which database the hub keeps its store in (setting <c>Hub:Database</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A file in the data directory, or <c>Hub:ConnectionString</c> when given. The default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server; <c>Hub:ConnectionString</c> is required.</summary>
    Postgres,
}
