using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Threading.Channels;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Jiyul.Hub.Files;
using Jiyul.Hub.Limits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// <c>POST /api/conversations/{id}/messages</c>: stores the user's message, makes sure the cell runs, and answers
/// with the reply as server-sent events (see <see cref="ReplyEvents"/>). Until the cell is ready the answer can
/// still be a plain status (429 when too many cells are starting, 503 when the cell cannot start; the message is
/// kept either way); from then on the reply is produced by <see cref="ReplyRunner"/> and this request only follows it.
/// </summary>
internal static class PostMessageEndpoint
{
    private static readonly object s_ping = new { };

    public static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> HandleAsync(
        Guid id,
        PostMessageRequest body,
        ClaimsPrincipal user,
        HubDbContext db,
        CellManager cells,
        ReplyRunner replies,
        AttachmentStager stager,
        TokenBudget budget,
        TimeProvider time,
        HttpResponse response,
        IOptions<ConversationsOptions> options,
        ILogger<ReplyRunner> logger,
        CancellationToken cancellationToken)
    {
        var owner = CellOwner.Of(user);
        var content = body.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            return ConversationProblems.Invalid("'content' is missing or blank; there is nothing to send.", "content-missing");
        }

        var max = options.Value.MaxMessageChars;
        if (content.Length > max)
        {
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"The message is {content.Length} characters long; at most {max} are accepted.");
            return ConversationProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Message too long", detail, "content-too-long");
        }

        var fileIds = body.Attachments ?? [];
        if (fileIds.Count > options.Value.MaxAttachments)
        {
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"The message attaches {fileIds.Count} files; at most {options.Value.MaxAttachments} are accepted.");
            return ConversationProblems.Invalid(detail, "too-many-attachments");
        }

        if (!await db.Conversations.AnyAsync(c => c.Id == id && c.OwnerUid == owner.Uid, cancellationToken))
        {
            return ConversationProblems.NotFound();
        }

        // Refused before anything is stored or staged: the cell could not answer, and the client keeps its text.
        if (await budget.CheckAsync(owner.UidHash, cancellationToken) is { } spent)
        {
            response.Headers.RetryAfter = spent.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ConversationProblems.Problem(StatusCodes.Status429TooManyRequests, "Daily token budget spent", spent.Message,
                "token-budget-spent");
        }

        // The files are in the workspace before the message is stored, so that a message never refers to a file its
        // cell cannot read; an id that is not the caller's file refuses the message, and the client keeps its text.
        IReadOnlyList<StagedAttachment> staged;
        try
        {
            staged = await stager.StageAsync(owner.Uid, fileIds, cancellationToken);
        }
        catch (AttachmentNotFoundException e)
        {
            return ConversationProblems.Invalid(e.Message, "unknown-attachment");
        }

        // Stored before the cell is asked anything, so that nothing the user sent is lost whatever follows.
        var message = await MessageAppender.AppendAsync(db, id, MessageRoles.User, content, MessageStatuses.Complete,
            time.GetUtcNow(), NameFromFirstMessage(content), cancellationToken,
            [.. staged.Select(a => new AttachmentAnswer(a.FileId, a.Name))]);
        if (message is null)
        {
            return ConversationProblems.NotFound();
        }

        var ensured = await cells.EnsureAsync(owner, trustRecentCheck: false, cancellationToken);
        if (!ensured.IsReady)
        {
            return EnsureEndpoint.ToProblem(ensured, response);
        }

        var (reply, events) = replies.Start(new ReplyJob(id, owner.UidHash, ensured.Runtime));
        return TypedResults.ServerSentEvents(FollowAsync(id, MessageAnswer.Of(message), reply, events,
            options.Value.KeepAliveInterval, time, logger, cancellationToken));
    }

    /// <summary>The title an untitled conversation takes from its first message; a user's own title stays.</summary>
    private static Action<Conversation> NameFromFirstMessage(string content) => conversation =>
    {
        if (!conversation.TitleSetByUser && conversation.LastSequence == 0)
        {
            conversation.Title = ConversationTitle.FromMessage(content);
        }
    };

    /// <summary>
    /// The events of a reply for one follower: <paramref name="message"/> first when given (the user's message just
    /// posted), then the reply's events as they come, with a <c>ping</c> after every <paramref name="keepAlive"/> of
    /// silence. Ends with the reply, or when the follower leaves (the reply goes on).
    /// </summary>
    internal static async IAsyncEnumerable<SseItem<object>> FollowAsync(
        Guid conversationId,
        MessageAnswer? message,
        Reply reply,
        ChannelReader<SseItem<object>> events,
        TimeSpan keepAlive,
        TimeProvider time,
        ILogger logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (message is not null)
        {
            yield return new SseItem<object>(message, ReplyEvents.Message);
        }

        var finished = false;
        try
        {
            while (true)
            {
                var ready = events.WaitToReadAsync(cancellationToken).AsTask();
                while (keepAlive > TimeSpan.Zero && !ready.IsCompleted)
                {
                    using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    if (await Task.WhenAny(ready, Task.Delay(keepAlive, time, quiet.Token)) == ready)
                    {
                        await quiet.CancelAsync();
                        break;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new SseItem<object>(s_ping, ReplyEvents.Ping);
                }

                if (!await ready)
                {
                    break;
                }

                while (events.TryRead(out var item))
                {
                    finished = item.EventType == ReplyEvents.Done;
                    yield return item;
                }
            }
        }
        finally
        {
            if (!finished)
            {
                Log.FollowerLeft(logger, conversationId);
            }

            // Whether the client left or the reply ended, nobody reads these events any more.
            reply.Unfollow(events);
        }
    }
}
