namespace Jiyul.Agent;

/// <summary>
/// Every log message of the agent, with its event id (the agent's range is 7000-7099). Messages carry sizes,
/// statuses and durations, never a token or anything a user wrote.
/// </summary>
internal static partial class Log
{
    // 7000-7009: hosting.
    [LoggerMessage(7000, LogLevel.Information, "Serving on {Socket}; model socket {ModelSocket}, model {Model}")]
    public static partial void Serving(ILogger logger, string socket, string modelSocket, string model);

    [LoggerMessage(7001, LogLevel.Debug, "Removed the stale socket file {Socket}")]
    public static partial void StaleSocketRemoved(ILogger logger, string socket);

    [LoggerMessage(7002, LogLevel.Warning, "Could not open {Socket} to the hub's group: {Reason}")]
    public static partial void SocketModeNotSet(ILogger logger, string socket, string reason);

    // 7010-7029: the gateway's edge.
    [LoggerMessage(7010, LogLevel.Warning, "Refused {Method} {Path}: no valid cell token")]
    public static partial void RequestUnauthenticated(ILogger logger, string method, string path);

    [LoggerMessage(7011, LogLevel.Debug, "Rejected a chat request with {StatusCode}")]
    public static partial void RequestRejected(ILogger logger, int statusCode);

    [LoggerMessage(7012, LogLevel.Debug, "Client hung up after {Elapsed} (499)")]
    public static partial void ClientDisconnected(ILogger logger, TimeSpan elapsed);

    [LoggerMessage(7013, LogLevel.Debug, "Chat answered {StatusCode} in {Elapsed} (stream: {Stream})")]
    public static partial void ChatCompleted(ILogger logger, int statusCode, bool stream, TimeSpan elapsed);

    // 7030-7049: the model socket.
    [LoggerMessage(7030, LogLevel.Warning, "The model socket is unreachable: {Reason}")]
    public static partial void ModelUnreachable(ILogger logger, string reason);

    [LoggerMessage(7031, LogLevel.Warning, "The model answered {StatusCode}")]
    public static partial void ModelAnsweredError(ILogger logger, int statusCode);

    [LoggerMessage(7032, LogLevel.Warning, "The model's response broke off while being relayed ({ErrorType})")]
    public static partial void ModelStreamBroke(ILogger logger, string errorType);

    [LoggerMessage(7033, LogLevel.Warning, "The model socket closed the connection without a response ({Error})")]
    public static partial void ModelGaveNoResponse(ILogger logger, string error);

    [LoggerMessage(7034, LogLevel.Warning, "The knowledge search on the model socket failed; the tool told the model so")]
    public static partial void KnowledgeSearchFailed(ILogger logger);

    // 7050-7069: the system prompt.
    [LoggerMessage(7050, LogLevel.Warning, "Left {FileName} out of the system prompt: it cannot be read ({ErrorType})")]
    public static partial void WorkspaceFileUnreadable(ILogger logger, string fileName, string errorType);

    [LoggerMessage(7051, LogLevel.Warning, "Left the skills out of the system prompt: unreadable ({ErrorType})")]
    public static partial void SkillsUnreadable(ILogger logger, string errorType);
}
