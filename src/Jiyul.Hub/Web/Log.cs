namespace Jiyul.Hub.Web;

/// <summary>Log messages of the web app's serving (event ids 11000-11099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 11000, Level = LogLevel.Information, Message = "Serving the web app from {Directory}")]
    public static partial void ServingWebApp(ILogger logger, string directory);

    [LoggerMessage(EventId = 11001, Level = LogLevel.Warning,
        Message = "No web app at {Directory} (build it with npm run build in web/, or set Hub:WebDirectory); serving the API only")]
    public static partial void NoWebApp(ILogger logger, string directory);
}
