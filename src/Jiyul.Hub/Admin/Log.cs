namespace Jiyul.Hub.Admin;

/// <summary>Log messages of the admin API (event ids 8000-8099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10000, Level = LogLevel.Warning, Message = "Admin endpoint {Endpoint} refused {UidHash}: not an admin")]
    public static partial void AdminRefused(ILogger logger, string endpoint, string uidHash);

    [LoggerMessage(EventId = 10001, Level = LogLevel.Information, Message = "Cell {UidHash} stopped by an admin")]
    public static partial void CellStoppedByAdmin(ILogger logger, string uidHash);

    [LoggerMessage(EventId = 10002, Level = LogLevel.Warning, Message = "Memory of cell {UidHash} could not be read")]
    public static partial void MemoryUnreadable(ILogger logger, Exception exception, string uidHash);
}
