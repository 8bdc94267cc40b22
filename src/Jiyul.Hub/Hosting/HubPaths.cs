using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Hosting;

/// <summary>
/// The hub's directory layout, resolved once to absolute paths. Cells see only the directories
/// that are mounted into them: their own workspace and run directory, the model directory and the skills.
/// </summary>
internal sealed class HubPaths
{
    public HubPaths(IOptions<HubOptions> options, IHostEnvironment environment)
    {
        var hub = options.Value;
        DataDirectory = Path.GetFullPath(hub.DataDirectory, environment.ContentRootPath);
        PackDirectory = Path.GetFullPath(hub.PackDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public string PackDirectory { get; }

    public string DatabaseFile => Path.Combine(DataDirectory, "jiyul.db");

    public string KeysDirectory => Path.Combine(DataDirectory, "keys");

    /// <summary>Holds <c>model.sock</c>; mounted read-only at <c>/run/jiyul-model</c> in every cell.</summary>
    public string ModelDirectory => Path.Combine(DataDirectory, "model");

    public string ModelSocket => Path.Combine(ModelDirectory, "model.sock");

    public string SkillsDirectory => Path.Combine(PackDirectory, "skills");

    public string PersonaDirectory => Path.Combine(PackDirectory, "persona");

    public string CellDirectory(string uidHash) => Path.Combine(DataDirectory, "cells", uidHash);

    /// <summary>The user's workspace; mounted read-write at <c>/home/jiyul/workspace</c>.</summary>
    public string WorkspaceDirectory(string uidHash) => Path.Combine(CellDirectory(uidHash), "workspace");

    /// <summary>Where the cell creates <c>gateway.sock</c>; mounted at <c>/run/cell</c>.</summary>
    public string RunDirectory(string uidHash) => Path.Combine(CellDirectory(uidHash), "run");

    /// <summary>Runtime state that is not the user's to edit (OpenClaw's configuration and sessions).</summary>
    public string StateDirectory(string uidHash) => Path.Combine(CellDirectory(uidHash), "state");

    public string GatewaySocket(string uidHash) => Path.Combine(RunDirectory(uidHash), "gateway.sock");
}
