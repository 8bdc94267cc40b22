using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.ServerSentEvents;
using System.Text;
using System.Threading.Channels;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// Produces assistant replies in the background, apart from the request that asked for them: a client that leaves
/// does not end its reply. A reply is a message row from the start (status streaming), its content written as it
/// grows (at most every <see cref="ConversationsOptions.ReplyFlushInterval"/> or
/// <see cref="ConversationsOptions.ReplyFlushChars"/> characters, never per token), and finally complete, or
/// incomplete with what arrived when the stream broke (the cell died, the model failed, the hub is stopping).
/// Stopping the hub waits for the replies to store what they have.
/// </summary>
internal sealed partial class ReplyRunner(
    IServiceScopeFactory scopes,
    CellChatClient chat,
    CellActivity activity,
    CellManager cells,
    AttachmentNotes notes,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    IOptions<ConversationsOptions> options,
    ILogger<ReplyRunner> logger) : IHostedService
{
    // The final write of a reply must land even while the hub stops, so it gets a short time of its own.
    private static readonly TimeSpan s_finalWriteTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Reply, Task> _running = new();

    // Replies under way, by the assistant message's id: the reply (to follow late), the stop signal, and a task done
    // once the reply is stored.
    private readonly ConcurrentDictionary<Guid, (Reply Reply, CancellationTokenSource Stop, Task Stored)> _live = new();

    /// <summary>
    /// Starts producing a reply; the caller follows it from its first event through the answered reader, and stops
    /// following with <see cref="Reply.Unfollow"/>.
    /// </summary>
    public (Reply Reply, ChannelReader<SseItem<object>> Events) Start(ReplyJob job)
    {
        var reply = new Reply();
        var events = reply.Follow();
        var task = Task.Run(() => RunAsync(job, reply), CancellationToken.None);
        _running[reply] = task;
        _ = task.ContinueWith(_ => _running.TryRemove(reply, out Task? _), TaskScheduler.Default);
        return (reply, events);
    }

    /// <summary>
    /// Follows a reply this hub is producing as message <paramref name="messageId"/>, from where it stands (see
    /// <see cref="Reply.TryFollowLate"/>). False when there is none (it ended, or never ran here).
    /// </summary>
    public bool TryFollow(Guid messageId, out Reply reply, out ChannelReader<SseItem<object>> events)
    {
        events = null!;
        reply = null!;
        if (!_live.TryGetValue(messageId, out var entry) || !entry.Reply.TryFollowLate(out events))
        {
            return false;
        }

        reply = entry.Reply;
        return true;
    }

    /// <summary>
    /// Stops the reply being produced as message <paramref name="messageId"/> and waits until what arrived is stored
    /// (status incomplete). False when this hub is producing no such reply (it finished, or never ran here).
    /// </summary>
    public async Task<bool> StopAsync(Guid messageId, CancellationToken cancellationToken)
    {
        if (!_live.TryGetValue(messageId, out var entry))
        {
            return false;
        }

        await entry.Stop.CancelAsync();
        await entry.Stored.WaitAsync(cancellationToken);
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The replies were told to stop by <see cref="IHostApplicationLifetime.ApplicationStopping"/>; this waits until
    /// they have stored what arrived, so the store is not taken away from under them.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.RepliesAbandoned(logger, _running.Count);
        }
    }

    private async Task RunAsync(ReplyJob job, Reply reply)
    {
        try
        {
            await RunCoreAsync(job, reply);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException or IOException
            or OperationCanceledException or ObjectDisposedException)
        {
            // The store failed (or went away at shutdown): the reply cannot be kept, and the follower is told so.
            Log.ReplyFailed(logger, e, job.UidHash, job.ConversationId);
            reply.Publish(ReplyEvents.Error, Problem("reply-not-stored", "The reply could not be stored."));
        }
        finally
        {
            reply.Complete();
        }
    }

    private async Task RunCoreAsync(ReplyJob job, Reply reply)
    {
        var settings = options.Value;
        var stopping = lifetime.ApplicationStopping;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        using var open = activity.BeginStream(job.UidHash);

        var assistant = await MessageAppender.AppendAsync(db, job.ConversationId, MessageRoles.Assistant, "",
            MessageStatuses.Streaming, time.GetUtcNow(), null, stopping);
        if (assistant is null)
        {
            reply.Publish(ReplyEvents.Error, Problem("conversation-deleted", "The conversation was deleted."));
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _live[assistant.Id] = (reply, stop, stored.Task);
        try
        {
            await ProduceAsync(db, job, reply, assistant, settings, stop, stopping);
        }
        finally
        {
            _live.TryRemove(assistant.Id, out _);
            stored.TrySetResult();
        }
    }

    private async Task ProduceAsync(
        HubDbContext db,
        ReplyJob job,
        Reply reply,
        Message assistant,
        ConversationsOptions settings,
        CancellationTokenSource stop,
        CancellationToken stopping)
    {
        reply.Publish(ReplyEvents.Reply, MessageAnswer.Of(assistant));
        var content = new StringBuilder();
        var storedLength = 0;
        var lastWrite = time.GetTimestamp();
        ChatOutcome outcome;
        try
        {
            var turns = await LoadTurnsAsync(db, job, assistant.Sequence, settings.MaxHistoryChars, stop.Token);
            outcome = await chat.StreamAsync(job.UidHash, job.Runtime, turns, async (text, cancellationToken) =>
            {
                content.Append(text);
                reply.Publish(ReplyEvents.Delta, new ReplyDelta(text));
                if (content.Length - storedLength >= settings.ReplyFlushChars
                    || time.GetElapsedTime(lastWrite) >= settings.ReplyFlushInterval)
                {
                    await WriteAsync(db, assistant.Id, content.ToString(), MessageStatuses.Streaming, cancellationToken);
                    storedLength = content.Length;
                    lastWrite = time.GetTimestamp();
                }
            }, stop.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            outcome = ChatOutcome.Broken("hub-stopping", "The hub is stopping; the reply was cut short.");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            outcome = ChatOutcome.Broken("stopped", "The reply was stopped at the user's request.");
        }

        if (!outcome.Completed && outcome.Reason is "cell-unreachable" or "stream-broken")
        {
            // The cell may have died: the next message must look at it afresh rather than trust an old probe.
            cells.Invalidate(job.UidHash);
        }

        var status = outcome.Completed ? MessageStatuses.Complete : MessageStatuses.Incomplete;
        using (var final = new CancellationTokenSource(s_finalWriteTimeout))
        {
            await WriteAsync(db, assistant.Id, content.ToString(), status, final.Token);
            var now = time.GetUtcNow();
            await db.Conversations.Where(c => c.Id == job.ConversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), final.Token);
        }

        if (outcome.Completed)
        {
            Log.ReplyCompleted(logger, job.UidHash, assistant.Id, content.Length);
        }
        else
        {
            Log.ReplyBroken(logger, job.UidHash, assistant.Id, outcome.Reason!, content.Length);
            reply.Publish(ReplyEvents.Error, Problem(outcome.Reason!, outcome.Detail!));
        }

        var stored = new MessageAnswer(assistant.Id, assistant.Role, content.ToString(), status, assistant.CreatedAt, []);
        reply.Publish(ReplyEvents.Done, stored);
    }

    /// <summary>
    /// The turns before the reply, oldest first: user and assistant messages that have content, complete or
    /// incomplete (a reply still streaming elsewhere is left out), a user message with its attachments' note
    /// (<see cref="AttachmentNotes"/>). The newest turns that fit in <paramref name="maxChars"/> are sent; the newest
    /// user message always is.
    /// </summary>
    private async Task<List<ChatTurn>> LoadTurnsAsync(
        HubDbContext db,
        ReplyJob job,
        int beforeSequence,
        int maxChars,
        CancellationToken cancellationToken)
    {
        var newestFirst = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == job.ConversationId && m.Sequence < beforeSequence
                && m.Status != MessageStatuses.Streaming && m.Content != "")
            .OrderByDescending(m => m.Sequence)
            .Take(1000)
            .Select(m => new { m.Id, m.Role, m.Content })
            .ToListAsync(cancellationToken);

        var attached = await LoadAttachmentsAsync(db, [.. newestFirst.Where(m => m.Role == MessageRoles.User).Select(m => m.Id)],
            cancellationToken);
        var turns = new List<ChatTurn>();
        var chars = 0;
        foreach (var message in newestFirst)
        {
            var content = attached.TryGetValue(message.Id, out var files)
                ? await notes.ComposeAsync(job.UidHash, message.Content, files, cancellationToken)
                : message.Content;
            chars += content.Length;
            if (turns.Count > 0 && chars > maxChars)
            {
                break;
            }

            turns.Add(new ChatTurn(message.Role, content));
        }

        turns.Reverse();
        return turns;
    }

    /// <summary>The attachments of the given messages, by message, in the order of their ids (the order of upload).</summary>
    private static async Task<Dictionary<Guid, List<TurnAttachment>>> LoadAttachmentsAsync(
        HubDbContext db,
        List<Guid> messageIds,
        CancellationToken cancellationToken)
    {
        var rows = await db.Set<MessageAttachment>().AsNoTracking()
            .Where(a => messageIds.Contains(a.MessageId))
            .Select(a => new { a.MessageId, a.FileId, a.Name })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var fileIds = rows.Select(r => r.FileId).Distinct().ToList();
        var types = await db.Files.AsNoTracking().Where(f => fileIds.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, f => f.ContentType, cancellationToken);
        return rows.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.FileId)
            .Select(r => new TurnAttachment(r.FileId, r.Name, types.GetValueOrDefault(r.FileId))).ToList());
    }

    private static Task<int> WriteAsync(
        HubDbContext db,
        Guid messageId,
        string content,
        string status,
        CancellationToken cancellationToken) =>
        db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Content, content)
            .SetProperty(m => m.Status, status), cancellationToken);

    private static ProblemShape Problem(string reason, string detail) =>
        new("The reply broke off", StatusCodes.Status502BadGateway, detail, reason);
}
