namespace Jiyul.Hub.Cells;

/// <summary>Paths inside a cell, as the cell contract fixes them.</summary>
internal static class CellPaths
{
    public const string Home = "/home/jiyul";
    public const string Workspace = "/home/jiyul/workspace";
    public const string Skills = "/home/jiyul/skills";
    public const string Run = "/run/cell";
    public const string Model = "/run/jiyul-model";

    /// <summary>Runtime state that is not the user's to edit, such as OpenClaw's configuration and sessions.</summary>
    public const string State = "/home/jiyul/.state";
}
