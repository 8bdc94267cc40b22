using System.Diagnostics;
using Npgsql;

namespace Jiyul.Hub.Backup;

/// <summary>
/// pg_dump and pg_restore, given the hub's connection string as libpq environment variables (so that the password
/// never appears in a process list). pg_dump copies the database as one consistent snapshot while the hub writes.
/// </summary>
internal static class PostgresTools
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromHours(2);

    public static Task DumpAsync(string connectionString, string file, CancellationToken cancellationToken) =>
        RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", file], connectionString,
            cancellationToken);

    public static Task RestoreAsync(string connectionString, string file, CancellationToken cancellationToken) =>
        RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
            "--dbname", new NpgsqlConnectionStringBuilder(connectionString).Database ?? "", file], connectionString,
            cancellationToken);

    /// <summary>Whether the database holds no table yet (restore goes only onto an empty one).</summary>
    public static async Task<bool> IsEmptyAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
            connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken) ?? 0L) == 0;
    }

    private static async Task RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        string connectionString,
        CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Set(start, "PGHOST", connection.Host);
        Set(start, "PGPORT", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(start, "PGDATABASE", connection.Database);
        Set(start, "PGUSER", connection.Username);
        Set(start, "PGPASSWORD", connection.Password);
        Set(start, "PGSSLMODE", connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{program} could not be run ({e.Message}); install the PostgreSQL client "
                + "(Debian: postgresql-client) of the server's major version or newer.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await output;
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{program} failed (exit {process.ExitCode}): {(await error).Trim()}");
            }
        }
    }

    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            start.Environment[name] = value;
        }
    }
}
