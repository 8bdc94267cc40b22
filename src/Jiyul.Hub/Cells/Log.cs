namespace Jiyul.Hub.Cells;

/// <summary>Log messages of the cells feature (event ids 1000-1999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Docker Engine {EngineVersion} (API {EngineApi}) connected; using API {UsedApi}")]
    public static partial void EngineConnected(ILogger logger, string engineVersion, string engineApi, string usedApi);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Cell {UidHash} created as container {ContainerId} ({Runtime})")]
    public static partial void ContainerCreated(ILogger logger, string uidHash, string containerId, string runtime);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Cell {UidHash} removed")]
    public static partial void ContainerRemoved(ILogger logger, string uidHash);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Cell {UidHash} ready ({Runtime}) after {ElapsedMs} ms")]
    public static partial void CellReady(ILogger logger, string uidHash, string runtime, long elapsedMs);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Cell {UidHash} failed to start: {Reason}")]
    public static partial void CellStartFailed(ILogger logger, string uidHash, string reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information,
        Message = "Cell {UidHash} is stale ({Why}); re-creating it, workspace kept")]
    public static partial void CellStale(ILogger logger, string uidHash, string why);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning,
        Message = "Start refused for cell {UidHash}: {InFlight} starts already in flight")]
    public static partial void StartsSaturated(ILogger logger, string uidHash, int inFlight);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Could not remove half-started cell {UidHash}")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string uidHash);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Cell {UidHash} idle since {LastActivity:o}; stopping it")]
    public static partial void CellIdle(ILogger logger, string uidHash, DateTimeOffset lastActivity);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "Idle cull round failed; the next round tries again")]
    public static partial void CullFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Could not stop idle cell {UidHash}")]
    public static partial void StopFailed(ILogger logger, Exception exception, string uidHash);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information,
        Message = "Reconciled: {Adopted} running cells adopted, {Stopped} stopped cells kept, {Removed} orphans removed")]
    public static partial void Reconciled(ILogger logger, int adopted, int stopped, int removed);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning,
        Message = "Removing orphan cell {UidHash} (container {ContainerId}): no known user")]
    public static partial void OrphanRemoved(ILogger logger, string uidHash, string? containerId);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Warning, Message = "The engine's event stream was lost; reopening it in {Pause}")]
    public static partial void EventStreamLost(ILogger logger, Exception exception, TimeSpan pause);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning,
        Message = "Could not give {Directory} to the cell user {UserId}; the cell may be unable to write it")]
    public static partial void ChownFailed(ILogger logger, Exception exception, string directory, int userId);
}
