namespace Jiyul.Hub.Conversations;

/// <summary>
/// Names of the server-sent events a posted message is answered with, in the order they come:
/// <see cref="Message"/> once, <see cref="Reply"/> once, <see cref="Delta"/> any number of times, <see cref="Error"/>
/// only when the reply broke off, and <see cref="Done"/> last.
/// </summary>
internal static class ReplyEvents
{
    /// <summary>The user's message as stored (status complete), before the cell is asked.</summary>
    public const string Message = "message";

    /// <summary>The assistant's message as first stored: empty, status streaming. Its id can be polled.</summary>
    public const string Reply = "reply";

    /// <summary><c>{text}</c>: the next piece of the reply, in order; together they are the reply's content.</summary>
    public const string Delta = "delta";

    /// <summary>Why the reply broke off: problem details with a <c>reason</c>.</summary>
    public const string Error = "error";

    /// <summary>
    /// <c>{}</c>: nothing happened for <see cref="ConversationsOptions.KeepAliveInterval"/>; sent only to keep proxies
    /// from closing a quiet stream, and to be ignored by clients.
    /// </summary>
    public const string Ping = "ping";

    /// <summary>The assistant's message as finally stored: status complete, or incomplete with what arrived.</summary>
    public const string Done = "done";
}
