namespace Jiyul.Hub.Cells;

/// <summary>The names of the runtimes a cell can run.</summary>
public static class CellRuntimes
{
    public const string Agent = "agent";
    public const string OpenClaw = "openclaw";

    public static bool IsKnown(string? name) => name is Agent or OpenClaw;
}
