namespace Jiyul.Hub.Conversations;

/// <summary>One earlier message sent to the cell: <c>user</c> or <c>assistant</c>, and its text.</summary>
internal sealed record ChatTurn(string Role, string Content);
