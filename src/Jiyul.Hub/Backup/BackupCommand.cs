using Jiyul.Hub.Hosting;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Backup;

/// <summary>
/// <c>Jiyul.Hub backup &lt;dir&gt; [settings...]</c> and <c>Jiyul.Hub restore &lt;dir&gt; [settings...]</c>: the hub's
/// settings (the same arguments, environment variables and appsettings.json as a running hub) say where the data
/// directory, the store and the file blobs are, so the command is given only where the backup goes or comes from.
/// The web application is built but never started. Exit codes: 0 done, 1 failed (the message says why), 2 usage.
/// </summary>
internal static class BackupCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static bool Matches(string[] args) => args is ["backup" or "restore", ..];

    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not [var verb, var directory, ..] || directory.StartsWith('-'))
        {
            await error.WriteLineAsync("usage: backup <directory> [settings...] | restore <directory> [settings...]");
            return Usage;
        }

        directory = Path.GetFullPath(directory);
        try
        {
            await using var app = HubApplication.Create(args[2..], builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddSingleton<HubBackup>();
                configure?.Invoke(builder);
            });
            var backup = app.Services.GetRequiredService<HubBackup>();
            if (verb == "backup")
            {
                var summary = await backup.BackupAsync(directory, cancellationToken);
                await output.WriteLineAsync($"backed up {summary} into {directory}");
            }
            else
            {
                var summary = await backup.RestoreAsync(directory, cancellationToken);
                await output.WriteLineAsync($"restored {summary} into {app.Services.GetRequiredService<HubPaths>().DataDirectory}");
            }

            return Done;
        }
        catch (BackupException e)
        {
            await error.WriteLineAsync($"{verb} failed: {e.Message}");
            return Failed;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync($"{verb} failed, the hub's settings are wrong: {e.Message}");
            return Failed;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{verb} failed: {e.Message}");
            return Failed;
        }
    }
}
