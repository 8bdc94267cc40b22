using System.Text;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells.OpenClaw;

/// <summary>
/// OpenClaw in a cell. Its configuration, sessions and memory index live in the user's state directory
/// (<c>/home/jiyul/.state</c>), never in the workspace: the user edits the workspace, and the gateway's token
/// must not be among the files an assistant can read back to them.
/// </summary>
internal sealed class OpenClawRuntimeProfile(IOptions<CellsOptions> options, ILogger<OpenClawRuntimeProfile> logger)
    : ICellRuntimeProfile
{
    /// <summary>OpenClaw's state directory inside the cell; the image's environment points the gateway at it.</summary>
    public const string StateDirectory = CellPaths.State + "/openclaw";

    public const string ConfigFile = "openclaw.json";

    public string Runtime => CellRuntimes.OpenClaw;

    public async Task PrepareAsync(CellSpec spec, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(spec.StateDirectory, "openclaw");
        Directory.CreateDirectory(directory);
        GiveToCell(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Written beside and moved into place, so that a start never reads half a file.
        var target = Path.Combine(directory, ConfigFile);
        var temp = target + ".jiyul-tmp";
        await File.WriteAllTextAsync(temp, OpenClawConfig.Render(spec.CellToken), new UTF8Encoding(false), cancellationToken);
        GiveToCell(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, target, overwrite: true);
    }

    /// <summary>
    /// The image sets HOME and OpenClaw's paths; the hub's HOME would point at the read-only root, so the cell
    /// entry moves it into the state directory. The token is here for the contract's sake only.
    /// </summary>
    public IReadOnlyList<string> Environment(CellSpec spec) =>
        [$"JIYUL_CELL_TOKEN={spec.CellToken}", $"HOME={CellPaths.State}/home"];

    private void GiveToCell(string path, UnixFileMode mode)
    {
        var cell = options.Value;
        try
        {
            File.SetUnixFileMode(path, mode);
            if (NativeMethods.Chown(path, cell.CellUserId, cell.CellGroupId) != 0)
            {
                throw new IOException($"chown {path} failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.");
            }
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
}
