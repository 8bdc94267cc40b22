namespace Jiyul.Hub.Profile;

/// <summary>Log messages of the profile and usage API (event ids 7000-7099). None carries what a user wrote.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Debug, Message = "Profile of {UidHash} saved; USER.md rewritten")]
    public static partial void ProfileSaved(ILogger logger, string uidHash);
}
