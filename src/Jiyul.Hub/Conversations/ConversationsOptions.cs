namespace Jiyul.Hub.Conversations;

/// <summary>Conversations and their replies (section <c>Conversations</c>).</summary>
public sealed record ConversationsOptions
{
    public const string SectionName = "Conversations";

    /// <summary>Longest message a user may post, in characters; longer ones get 413.</summary>
    public int MaxMessageChars { get; init; } = 32_000;

    /// <summary>Items a page holds when the client names no <c>limit</c>.</summary>
    public int DefaultPageSize { get; init; } = 30;

    /// <summary>Most items a page holds; a larger <c>limit</c> is cut to it.</summary>
    public int MaxPageSize { get; init; } = 100;

    /// <summary>How often a growing reply is written to the store at most.</summary>
    public TimeSpan ReplyFlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Characters a growing reply may gain before it is written, however soon after the last write.</summary>
    public int ReplyFlushChars { get; init; } = 4096;

    /// <summary>How long the cell's stream may stay silent before the reply is given up and stored incomplete.</summary>
    public TimeSpan ReplyIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a reply's event stream may stay silent before the hub sends a <c>ping</c> event, so that a proxy or
    /// tunnel that closes quiet responses (Cloudflare after about 100 s) keeps the stream open while the model pauses.
    /// Zero turns it off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Characters of earlier turns sent to the cell with a new message; the oldest turns beyond it are left out.</summary>
    public int MaxHistoryChars { get; init; } = 100_000;

    /// <summary>Files one message may attach.</summary>
    public int MaxAttachments { get; init; } = 10;

    /// <summary>
    /// Characters of an attachment's text (a PDF's or DOCX's extracted text, a text file itself) written into the
    /// message the cell receives, per attachment; the rest stays in the workspace for the assistant to read.
    /// </summary>
    public int MaxAttachmentTextChars { get; init; } = 20_000;
}
