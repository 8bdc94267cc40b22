namespace Jiyul.Hub.Cells;

/// <summary>The lean agent reads everything it needs from its environment and the cell contract's paths.</summary>
internal sealed class AgentRuntimeProfile : ICellRuntimeProfile
{
    public string Runtime => CellRuntimes.Agent;

    public Task PrepareAsync(CellSpec spec, CancellationToken cancellationToken) => Task.CompletedTask;

    public IReadOnlyList<string> Environment(CellSpec spec) =>
        [$"JIYUL_CELL_TOKEN={spec.CellToken}", $"HOME={CellPaths.Home}"];
}
