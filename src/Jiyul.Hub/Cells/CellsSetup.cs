namespace Jiyul.Hub.Cells;

/// <summary>Per-user containers: ensure, readiness, idle stop, reconciliation.</summary>
internal static class CellsSetup
{
    public static void AddJiyulCells(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
    }

    public static void MapJiyulCells(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
    }
}
