namespace Jiyul.Hub.Cells;

/// <summary>
/// What one runtime (the lean agent, OpenClaw) needs beyond the cell contract: files it wants in its state
/// directory before it starts, and the environment its container gets. The lifecycle stays the same for every
/// runtime; only this differs.
/// </summary>
internal interface ICellRuntimeProfile
{
    /// <summary>One of <see cref="CellRuntimes"/>.</summary>
    string Runtime { get; }

    /// <summary>
    /// Writes what the runtime reads at start into the cell's state directory on the host. Called before every
    /// start, not only at creation, so that a changed hub setting reaches a stopped cell without re-creating it.
    /// </summary>
    Task PrepareAsync(CellSpec spec, CancellationToken cancellationToken);

    /// <summary>The container's environment, as <c>NAME=value</c> entries.</summary>
    IReadOnlyList<string> Environment(CellSpec spec);
}
