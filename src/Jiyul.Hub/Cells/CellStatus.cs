namespace Jiyul.Hub.Cells;

/// <summary>A cell as the engine reports it.</summary>
internal sealed record CellStatus(
    string UidHash,
    CellState State,
    string? ContainerId = null,
    string? Runtime = null,
    string? SpecHash = null,
    int? ExitCode = null,
    bool OomKilled = false)
{
    public static CellStatus Missing(string uidHash) => new(uidHash, CellState.Missing);
}
