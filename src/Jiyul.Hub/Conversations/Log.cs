namespace Jiyul.Hub.Conversations;

/// <summary>Log messages of conversations (event ids 5000-5999). None carries what a user or the assistant wrote.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug,
        Message = "Reply {MessageId} of cell {UidHash} complete ({Chars} characters)")]
    public static partial void ReplyCompleted(ILogger logger, string uidHash, Guid messageId, int chars);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Reply {MessageId} of cell {UidHash} broke off ({Reason}); {Chars} characters stored as incomplete")]
    public static partial void ReplyBroken(ILogger logger, string uidHash, Guid messageId, string reason, int chars);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error,
        Message = "Reply in conversation {ConversationId} of cell {UidHash} could not be stored")]
    public static partial void ReplyFailed(ILogger logger, Exception exception, string uidHash, Guid conversationId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "The hub stopped before {Count} replies had stored what arrived; they stay streaming until the next start")]
    public static partial void RepliesAbandoned(ILogger logger, int count);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning,
        Message = "{Count} replies were left streaming by the last run; marked incomplete")]
    public static partial void StreamingRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Debug, Message = "Client left reply in conversation {ConversationId} (499)")]
    public static partial void FollowerLeft(ILogger logger, Guid conversationId);
}
