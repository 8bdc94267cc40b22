namespace Jiyul.Hub.Cells;

/// <summary>What the engine says of a cell's container.</summary>
internal enum CellState
{
    /// <summary>No container.</summary>
    Missing,

    /// <summary>Created or stopped: it exists and does not run.</summary>
    Stopped,

    /// <summary>Running (which does not yet mean its gateway is ready).</summary>
    Running,

    /// <summary>Restarting, paused, being removed or dead: not usable as it is.</summary>
    Unusable,
}
