namespace Jiyul.Hub.Conversations;

/// <summary>Data of a <see cref="ReplyEvents.Delta"/> event.</summary>
internal sealed record ReplyDelta(string Text);
