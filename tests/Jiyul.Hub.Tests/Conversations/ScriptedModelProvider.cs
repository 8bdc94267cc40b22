using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jiyul.Hub.Models;
using Microsoft.AspNetCore.Http;

namespace Jiyul.Hub.Tests.Conversations;

/// <summary>
/// A model behind the hub's egress that answers every chat with the same three pieces and records what it was
/// sent. A test can hold the next answer after its first piece (<see cref="HoldNext"/>), so that it can act while a
/// reply is mid-stream (leave, kill the cell, post again) and let it go on when it chooses: no sleeps, no races.
/// </summary>
internal sealed class ScriptedModelProvider : IModelProvider
{
    public const string FirstPiece = "첫 부분입니다. ";

    public static readonly string[] Pieces = [FirstPiece, "두 번째 부분입니다. ", "끝."];

    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private Hold? _hold;

    public static string WholeAnswer => string.Concat(Pieces);

    public string Name => ModelProviders.Offline;

    public string Model => "scripted";

    public IReadOnlyCollection<JsonObject> Requests => _requests;

    /// <summary>The next answer stops after its first piece until the hold is released.</summary>
    public Hold HoldNext()
    {
        var hold = new Hold();
        Volatile.Write(ref _hold, hold);
        return hold;
    }

    public async Task<CompletionResult> CompleteAsync(ChatRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        _requests.Enqueue((JsonObject)request.Body.DeepClone());
        var hold = Interlocked.Exchange(ref _hold, null);

        await EventStream.StartAsync(response, cancellationToken);
        for (var i = 0; i < Pieces.Length; i++)
        {
            var chunk = ChatCompletionShapes.Chunk("chatcmpl-scripted", 0, Model, new JsonObject { ["content"] = Pieces[i] }, null);
            await EventStream.WriteJsonAsync(response, chunk, cancellationToken);
            if (i == 0 && hold is not null)
            {
                hold.FirstPieceSent.TrySetResult();
                await hold.Released.Task.WaitAsync(cancellationToken);
            }
        }

        var last = ChatCompletionShapes.Chunk("chatcmpl-scripted", 0, Model, [], "stop");
        await EventStream.WriteJsonAsync(response, last, cancellationToken);
        await EventStream.WriteDoneAsync(response, cancellationToken);
        return CompletionResult.Completed(Model, 1, 1);
    }

    internal sealed class Hold
    {
        public TaskCompletionSource FirstPieceSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
