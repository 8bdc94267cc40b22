namespace Jiyul.Hub.Conversations;

/// <summary>What a reply is produced for: the conversation, whose cell, and the runtime the cell runs.</summary>
internal sealed record ReplyJob(Guid ConversationId, string UidHash, string Runtime);
