namespace Jiyul.Hub.Models;

/// <summary>
/// Every log message of the model egress (event ids 3000-3999). None carries a key, a token or anything a user wrote:
/// requests are named by the uid hash, providers by name, failures by status.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Model egress listening on {Socket}; provider {Provider}, model {Model}")]
    public static partial void EgressListening(ILogger logger, string socket, string provider, string model);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Model egress stopped; {Socket} removed")]
    public static partial void EgressStopped(ILogger logger, string socket);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Removed a stale model socket at {Socket}")]
    public static partial void StaleSocketRemoved(ILogger logger, string socket);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Model request refused: {Reason} cell token")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "Model request from {UidHash} is malformed: {Reason}")]
    public static partial void RequestMalformed(ILogger logger, string uidHash, string reason);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Debug,
        Message = "Model request from {UidHash} could not be read; answered {StatusCode}")]
    public static partial void RequestUnreadable(ILogger logger, string uidHash, int statusCode);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug,
        Message = "Model request from {UidHash} ended {Outcome} with {Provider} {Model} after {Elapsed}")]
    public static partial void RequestEnded(
        ILogger logger,
        string uidHash,
        CompletionOutcome outcome,
        string provider,
        string model,
        TimeSpan elapsed);

    // A cell that hangs up is not an error of the hub: logged at debug with the status nginx made common for it.
    [LoggerMessage(EventId = 3021, Level = LogLevel.Debug,
        Message = "Model request from {UidHash}: the cell hung up (499) after {Elapsed}")]
    public static partial void CellHungUp(ILogger logger, string uidHash, TimeSpan elapsed);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message = "Model provider {Provider} answered {StatusCode}")]
    public static partial void ProviderRefused(ILogger logger, string provider, int statusCode);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning, Message = "Model provider {Provider} could not be reached")]
    public static partial void ProviderUnreachable(ILogger logger, string provider, Exception exception);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning,
        Message = "Model provider {Provider} did not answer within {Timeout}")]
    public static partial void ProviderTimedOut(ILogger logger, string provider, TimeSpan timeout);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Warning, Message = "Answer from model provider {Provider} broke: {Reason}")]
    public static partial void AnswerBroken(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 3034, Level = LogLevel.Debug,
        Message = "Model provider {Provider} reported no usage; recorded as zero tokens")]
    public static partial void UsageMissing(ILogger logger, string provider);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Debug,
        Message = "Model usage of {UidHash}: {Provider} {Model}, {InputTokens} tokens in, {OutputTokens} out")]
    public static partial void UsageRecorded(
        ILogger logger,
        string uidHash,
        string provider,
        string model,
        long inputTokens,
        long outputTokens);

    [LoggerMessage(EventId = 3041, Level = LogLevel.Debug, Message = "Model usage written to the store: {Entries} user-days")]
    public static partial void UsageFlushed(ILogger logger, int entries);

    [LoggerMessage(EventId = 3042, Level = LogLevel.Warning,
        Message = "Model usage could not be written to the store; it stays pending for the next write")]
    public static partial void UsageFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3043, Level = LogLevel.Warning,
        Message = "Model usage of {UidHash} ({Tokens} tokens) not stored: no cell of that hash is recorded")]
    public static partial void UsageOfUnknownCell(ILogger logger, string uidHash, long tokens);

    [LoggerMessage(EventId = 3044, Level = LogLevel.Information,
        Message = "Model request from {UidHash} refused: {Spent} tokens used today, daily budget {Budget}")]
    public static partial void BudgetSpent(ILogger logger, string uidHash, long spent, long budget);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Warning,
        Message = "Offline model could not read the knowledge pack; it answered that nothing was found")]
    public static partial void PackUnreadable(ILogger logger, Exception exception);
}
