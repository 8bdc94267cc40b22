namespace Jiyul.Hub.Conversations;

/// <summary>Body of <c>PATCH /api/conversations/{id}</c>.</summary>
internal sealed record RenameConversationRequest(string? Title);
