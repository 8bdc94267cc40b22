using System.Text;
using Jiyul.Hub.Data;
using Jiyul.Hub.Hosting;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells;

/// <summary>
/// Prepares a user's directories on the host: the workspace seeded with the pack's persona files and a USER.md
/// written from the profile, the run directory the gateway puts its socket in, and the runtime's state directory.
/// All are given to the cell user, since the cell runs as that user and not as the hub's.
/// </summary>
internal sealed partial class WorkspaceSeeder(HubPaths paths, IOptions<CellsOptions> options, ILogger<WorkspaceSeeder> logger)
{
    /// <summary>The persona files the hub manages; they come from the pack's persona/ folder.</summary>
    public static readonly IReadOnlyList<string> PersonaFiles = ["SOUL.md", "IDENTITY.md", "AGENTS.md"];

    public const string UserFile = "USER.md";

    /// <summary>Makes the directories and fills in what is missing; a user's own edits are kept.</summary>
    public async Task PrepareAsync(string uidHash, UserProfile profile, CancellationToken cancellationToken)
    {
        var workspace = paths.WorkspaceDirectory(uidHash);
        string[] directories = [paths.CellDirectory(uidHash), workspace, paths.RunDirectory(uidHash), paths.StateDirectory(uidHash)];
        foreach (var directory in directories)
        {
            Directory.CreateDirectory(directory);
            GiveToCell(directory);
        }

        foreach (var name in PersonaFiles)
        {
            var target = Path.Combine(workspace, name);
            var source = Path.Combine(paths.PersonaDirectory, name);
            if (!File.Exists(target) && File.Exists(source))
            {
                File.Copy(source, target);
                GiveToCell(target);
            }
        }

        await WriteUserFileAsync(uidHash, profile, cancellationToken);
    }

    /// <summary>Writes USER.md from the profile; called at every cell creation and whenever the profile changes.</summary>
    public async Task WriteUserFileAsync(string uidHash, UserProfile profile, CancellationToken cancellationToken)
    {
        var target = Path.Combine(paths.WorkspaceDirectory(uidHash), UserFile);
        // A name of its own per write: a profile change and a cell creation may write at the same moment.
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, RenderUserFile(profile), Encoding.UTF8, cancellationToken);
        GiveToCell(temp);
        File.Move(temp, target, overwrite: true);
    }

    internal static string RenderUserFile(UserProfile profile)
    {
        var text = new StringBuilder();
        text.AppendLine("# USER");
        text.AppendLine();
        text.AppendLine("<!-- Written by Jiyul from the user's profile; edit the profile, not this file. -->");
        text.AppendLine();
        text.Append("- Name: ").AppendLine(OneLine(profile.DisplayName) ?? "(not given)");
        text.Append("- Preferred language: ").AppendLine(OneLine(profile.Language) ?? "ko");
        if (!string.IsNullOrWhiteSpace(profile.About))
        {
            text.AppendLine();
            text.AppendLine("## About me");
            text.AppendLine();
            text.AppendLine(profile.About.Trim());
        }

        return text.ToString();
    }

    private static string? OneLine(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.ReplaceLineEndings(" ").Trim();

    private void GiveToCell(string path)
    {
        var cell = options.Value;
        try
        {
            File.SetUnixFileMode(path, Directory.Exists(path)
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                  | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Chown(path, cell.CellUserId, cell.CellGroupId);
        }
        catch (IOException e)
        {
            Log.ChownFailed(logger, e, path, cell.CellUserId);
        }
        catch (UnauthorizedAccessException e)
        {
            Log.ChownFailed(logger, e, path, cell.CellUserId);
        }
    }

    private static void Chown(string path, int userId, int groupId)
    {
        if (NativeMethods.Chown(path, userId, groupId) != 0)
        {
            throw new IOException($"chown {path} failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.");
        }
    }
}
