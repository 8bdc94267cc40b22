using Jiyul.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// Adds a message at the end of a conversation. The conversation's <see cref="Conversation.LastSequence"/> hands out
/// the position and is a concurrency token, so two messages added at once never share a place: the loser reads the
/// conversation again and takes the next one.
/// </summary>
internal static class MessageAppender
{
    private const int Attempts = 5;

    /// <summary>
    /// Appends a message, with the files it refers to; <paramref name="alsoChange"/> may change the conversation in the
    /// same save (its title).
    /// Answers null when the conversation is gone (deleted meanwhile).
    /// </summary>
    public static async Task<Message?> AppendAsync(
        HubDbContext db,
        Guid conversationId,
        string role,
        string content,
        string status,
        DateTimeOffset now,
        Action<Conversation>? alsoChange,
        CancellationToken cancellationToken,
        IReadOnlyList<AttachmentAnswer>? attachments = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            if (conversation is null)
            {
                return null;
            }

            alsoChange?.Invoke(conversation);
            conversation.LastSequence++;
            conversation.UpdatedAt = now;
            var message = new Message
            {
                Id = Guid.CreateVersion7(now),
                ConversationId = conversationId,
                Sequence = conversation.LastSequence,
                Role = role,
                Content = content,
                Status = status,
                CreatedAt = now,
            };
            message.Attachments.AddRange((attachments ?? []).Select(a => new MessageAttachment
            {
                MessageId = message.Id,
                FileId = a.Id,
                Name = a.Name,
            }));
            db.Messages.Add(message);

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return message;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another message took the place (a concurrency conflict), or the conversation was deleted under
                // this one (a foreign key failure); reading the conversation again tells which.
                db.ChangeTracker.Clear();
            }
        }
    }
}
