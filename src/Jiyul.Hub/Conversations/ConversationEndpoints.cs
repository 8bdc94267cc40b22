using System.Net.ServerSentEvents;
using System.Security.Claims;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// <c>/api/conversations</c>: list, create, read, rename and delete the caller's conversations, and list a
/// conversation's messages. Every query filters on the caller's uid, so another user's id is simply not found.
/// </summary>
internal static class ConversationEndpoints
{
    public static async Task<Results<Ok<Page<ConversationAnswer>>, ProblemHttpResult>> ListAsync(
        string? next,
        int? limit,
        ClaimsPrincipal user,
        HubDbContext db,
        IOptions<ConversationsOptions> options,
        CancellationToken cancellationToken)
    {
        var uid = CellOwner.Of(user).Uid;
        if (!TryPageSize(limit, options.Value, out var size, out var problem))
        {
            return problem;
        }

        var query = db.Conversations.AsNoTracking().Where(c => c.OwnerUid == uid);
        if (next is not null)
        {
            if (!PageCursor.TryReadConversation(next, out var updatedAt, out var id))
            {
                return BadCursor();
            }

            query = query.Where(c => c.UpdatedAt < updatedAt || (c.UpdatedAt == updatedAt && c.Id < id));
        }

        var rows = await query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(size + 1)
            .ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(ConversationAnswer.Of).ToList();
        var cursor = rows.Count > size ? PageCursor.ForConversation(items[^1].UpdatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<ConversationAnswer>(items, cursor));
    }

    public static async Task<Results<Created<ConversationAnswer>, ProblemHttpResult>> CreateAsync(
        CreateConversationRequest? body,
        ClaimsPrincipal user,
        HubDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var uid = CellOwner.Of(user).Uid;
        var title = body?.Title?.Trim();
        if (title is { Length: > ConversationTitle.MaxLength })
        {
            return TitleTooLong(title.Length);
        }

        var now = time.GetUtcNow();
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now),
            OwnerUid = uid,
            Title = title ?? "",
            TitleSetByUser = !string.IsNullOrEmpty(title),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/conversations/{conversation.Id}", ConversationAnswer.Of(conversation));
    }

    public static async Task<Results<Ok<ConversationAnswer>, ProblemHttpResult>> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        HubDbContext db,
        CancellationToken cancellationToken)
    {
        var uid = CellOwner.Of(user).Uid;
        var conversation = await db.Conversations.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == id && c.OwnerUid == uid, cancellationToken);
        return conversation is null ? ConversationProblems.NotFound() : TypedResults.Ok(ConversationAnswer.Of(conversation));
    }

    public static async Task<Results<Ok<ConversationAnswer>, ProblemHttpResult>> RenameAsync(
        Guid id,
        RenameConversationRequest body,
        ClaimsPrincipal user,
        HubDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var uid = CellOwner.Of(user).Uid;
        var title = body.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return ConversationProblems.Invalid("'title' is missing or blank; a new name is needed.", "title-missing");
        }

        if (title.Length > ConversationTitle.MaxLength)
        {
            return TitleTooLong(title.Length);
        }

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id && c.OwnerUid == uid, cancellationToken);
        if (conversation is null)
        {
            return ConversationProblems.NotFound();
        }

        conversation.Title = title;
        conversation.TitleSetByUser = true;
        conversation.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ConversationAnswer.Of(conversation));
    }

    /// <summary>Deletes the conversation; its messages go with it (the store cascades), in one statement.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id,
        ClaimsPrincipal user,
        HubDbContext db,
        CancellationToken cancellationToken)
    {
        var uid = CellOwner.Of(user).Uid;
        var deleted = await db.Conversations.Where(c => c.Id == id && c.OwnerUid == uid).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? ConversationProblems.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<Page<MessageAnswer>>, ProblemHttpResult>> ListMessagesAsync(
        Guid id,
        string? next,
        int? limit,
        ClaimsPrincipal user,
        HubDbContext db,
        IOptions<ConversationsOptions> options,
        CancellationToken cancellationToken)
    {
        var uid = CellOwner.Of(user).Uid;
        if (!TryPageSize(limit, options.Value, out var size, out var problem))
        {
            return problem;
        }

        var after = 0;
        if (next is not null && !PageCursor.TryReadMessage(next, out after))
        {
            return BadCursor();
        }

        if (!await db.Conversations.AnyAsync(c => c.Id == id && c.OwnerUid == uid, cancellationToken))
        {
            return ConversationProblems.NotFound();
        }

        // Both pages walk the (conversation, sequence) index; only a later page has a lower bound.
        var messages = db.Messages.AsNoTracking().Where(m => m.ConversationId == id);
        if (after > 0)
        {
            messages = messages.Where(m => m.Sequence > after);
        }

        var rows = await messages.OrderBy(m => m.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).ToList();
        var cursor = rows.Count > size ? PageCursor.ForMessage(items[^1].Sequence) : null;

        // Only user messages carry files, and most carry none: one query for the page, not a join on every row.
        var userIds = items.Where(m => m.Role == MessageRoles.User).Select(m => m.Id).ToList();
        if (userIds.Count > 0)
        {
            var attachments = await db.Set<MessageAttachment>().AsNoTracking().Where(a => userIds.Contains(a.MessageId))
                .OrderBy(a => a.FileId).ToListAsync(cancellationToken);
            var byMessage = attachments.ToLookup(a => a.MessageId);
            foreach (var message in items)
            {
                message.Attachments.AddRange(byMessage[message.Id]);
            }
        }

        return TypedResults.Ok(new Page<MessageAnswer>([.. items.Select(MessageAnswer.Of)], cursor));
    }

    /// <summary>
    /// Stops a reply in progress: what arrived so far is stored, status incomplete, and answered. A reply that has
    /// already ended (or is not produced by this hub) answers 409 with its stored state untouched.
    /// </summary>
    public static async Task<Results<Ok<MessageAnswer>, ProblemHttpResult>> StopReplyAsync(
        Guid id,
        Guid messageId,
        ClaimsPrincipal user,
        HubDbContext db,
        ReplyRunner replies,
        CancellationToken cancellationToken)
    {
        var mine = OwnReply(db, id, messageId, CellOwner.Of(user).Uid);
        if (!await mine.AnyAsync(cancellationToken))
        {
            return ConversationProblems.NotFound();
        }

        if (!await replies.StopAsync(messageId, cancellationToken))
        {
            return ConversationProblems.Problem(StatusCodes.Status409Conflict, "Reply not running",
                "This reply is not being produced any more; it is stored as it ended.", "reply-not-running");
        }

        var stopped = await mine.SingleAsync(cancellationToken);
        return TypedResults.Ok(MessageAnswer.Of(stopped));
    }

    /// <summary>
    /// Follows a reply again after leaving it (a reload, a dropped connection): a reply still under way answers a
    /// <c>reply</c> event with what has arrived so far, then the rest as it comes, like the post did; a reply that has
    /// ended answers its <c>done</c> event at once, as stored.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> FollowReplyAsync(
        Guid id,
        Guid messageId,
        ClaimsPrincipal user,
        HubDbContext db,
        ReplyRunner replies,
        TimeProvider time,
        IOptions<ConversationsOptions> options,
        ILogger<ReplyRunner> logger,
        CancellationToken cancellationToken)
    {
        var mine = OwnReply(db, id, messageId, CellOwner.Of(user).Uid);
        if (!await mine.AnyAsync(cancellationToken))
        {
            return ConversationProblems.NotFound();
        }

        if (replies.TryFollow(messageId, out var reply, out var events))
        {
            return TypedResults.ServerSentEvents(PostMessageEndpoint.FollowAsync(id, null, reply, events,
                options.Value.KeepAliveInterval, time, logger, cancellationToken));
        }

        // Ended, perhaps between the read above and now: the store has it as it ended.
        var ended = MessageAnswer.Of(await mine.SingleAsync(cancellationToken));
        return TypedResults.ServerSentEvents(new[] { new SseItem<object>(ended, ReplyEvents.Done) }.ToAsyncEnumerable());
    }

    /// <summary>The assistant message <paramref name="messageId"/> of the caller's conversation <paramref name="id"/>.</summary>
    private static IQueryable<Message> OwnReply(HubDbContext db, Guid id, Guid messageId, string uid) =>
        db.Messages.AsNoTracking().Where(m => m.Id == messageId && m.ConversationId == id
            && m.Role == MessageRoles.Assistant && m.Conversation!.OwnerUid == uid);

    private static bool TryPageSize(int? limit, ConversationsOptions options, out int size, out ProblemHttpResult problem)
    {
        size = Math.Min(limit ?? options.DefaultPageSize, options.MaxPageSize);
        problem = null!;
        if (size >= 1)
        {
            return true;
        }

        problem = ConversationProblems.Invalid(
            $"'limit' is {limit}; it must be at least 1 (at most {options.MaxPageSize} are answered).", "bad-limit");
        return false;
    }

    private static ProblemHttpResult BadCursor() => ConversationProblems.Invalid(
        "'next' is not a cursor this list gave out; pass the 'next' of the previous page as it came.", "bad-cursor");

    private static ProblemHttpResult TitleTooLong(int length) => ConversationProblems.Invalid(
        $"The title is {length} characters long; it may be at most {ConversationTitle.MaxLength}.", "title-too-long");
}
