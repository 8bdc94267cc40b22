using Microsoft.Extensions.Logging;

namespace Jiyul.Knowledge.Search;

/// <summary>Every log message of knowledge search (event ids 8000-8099). None carries a query: that is what a user wrote.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information,
        Message = "Knowledge index generation {Generation} built ({Reason}): {Passages} passages from {Files} files " +
                  "in {ElapsedMs} ms")]
    public static partial void IndexBuilt(
        ILogger logger,
        long generation,
        string reason,
        int passages,
        int files,
        long elapsedMs);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning,
        Message = "Knowledge index could not be rebuilt ({Reason}); generation {Generation} stays in use")]
    public static partial void RebuildFailed(ILogger logger, string reason, long generation, Exception exception);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information,
        Message = "Watching the knowledge pack at {PackDirectory}; also rescanning every {RescanInterval}")]
    public static partial void Watching(ILogger logger, string packDirectory, TimeSpan rescanInterval);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning,
        Message = "The knowledge pack at {PackDirectory} cannot be watched; changes are found by rescanning every " +
                  "{RescanInterval}")]
    public static partial void WatchUnavailable(ILogger logger, string packDirectory, TimeSpan rescanInterval, Exception exception);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Debug,
        Message = "The knowledge pack watcher lost events; the index is rebuilt to be sure")]
    public static partial void WatcherOverflowed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Error, Message = "The knowledge pack watch loop failed; it goes on")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
