namespace Jiyul.Hub.Identity;

/// <summary>
/// Identity's log messages (event ids 4000-4999). None carries a token, a password or an email address:
/// accounts are named by their uid hash.
/// </summary>
internal static partial class Log
{
    // Debug, not higher: expired and mistyped tokens are routine, and an attacker could flood the log with them.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "{Scheme} token rejected: {Reason}")]
    public static partial void TokenRejected(this ILogger logger, string scheme, string reason);

    // Information: a token that the issuer signed with an unusable subject is rare and worth an operator's look.
    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "{Scheme} token signed by the issuer rejected: {Reason}")]
    public static partial void TokenSubjectRejected(this ILogger logger, string scheme, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Local account {UidHash} registered")]
    public static partial void AccountRegistered(this ILogger logger, string uidHash);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Registration refused: {Reason}")]
    public static partial void RegistrationRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Local sign-in refused: {Reason}")]
    public static partial void SignInRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Refresh refused: {Reason}")]
    public static partial void RefreshRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information,
        Message = "{Scheme} tokens are verified with {KeyCount} keys from {File}; the issuer's keys are not fetched")]
    public static partial void UsingOfflineKeys(this ILogger logger, string scheme, int keyCount, string file);
}
