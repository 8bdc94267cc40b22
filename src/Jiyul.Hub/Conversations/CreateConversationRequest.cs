namespace Jiyul.Hub.Conversations;

/// <summary>Body of <c>POST /api/conversations</c>; without a title the first message names the conversation.</summary>
internal sealed record CreateConversationRequest(string? Title);
