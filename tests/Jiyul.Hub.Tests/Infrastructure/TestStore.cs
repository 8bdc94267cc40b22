using Npgsql;

namespace Jiyul.Hub.Tests.Infrastructure;

/// <summary>
/// A store for one test: SQLite (nothing to set; the hub's data directory holds it) or a fresh database on the test
/// PostgreSQL server that <c>./jiyul test</c> starts (<c>JIYUL_TEST_POSTGRES</c>), dropped when the test ends.
/// Store tests take the kind as theory data, so each runs against both.
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _adminConnectionString;
    private readonly string? _database;

    private TestStore(string kind, IReadOnlyDictionary<string, string?> settings, string? admin, string? database)
    {
        Kind = kind;
        Settings = settings;
        _adminConnectionString = admin;
        _database = database;
    }

    public static TheoryData<string> Kinds => new(Sqlite, Postgres);

    public string Kind { get; }

    /// <summary>Hub settings that select this store; merge them into <see cref="TestHub.StartAsync"/>'s settings.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static async Task<TestStore> CreateAsync(string kind)
    {
        if (kind == Sqlite)
        {
            return new TestStore(kind, new Dictionary<string, string?>(), null, null);
        }

        var admin = Environment.GetEnvironmentVariable("JIYUL_TEST_POSTGRES");
        if (string.IsNullOrEmpty(admin))
        {
            throw new InvalidOperationException(
                "JIYUL_TEST_POSTGRES is not set: run the tests with ./jiyul test, or start the server with " +
                "`./jiyul postgres` and export the connection string it prints.");
        }

        var database = "jiyul_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        return new TestStore(kind, new Dictionary<string, string?>
        {
            ["Hub:Database"] = "Postgres",
            ["Hub:ConnectionString"] = builder.ConnectionString,
        }, admin, database);
    }

    /// <summary>These settings with <paramref name="more"/> on top.</summary>
    public Dictionary<string, string?> With(IDictionary<string, string?>? more = null)
    {
        var all = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
