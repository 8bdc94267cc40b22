using System.Text.Json.Nodes;
using System.Threading.Channels;
using Jiyul.Hub.Models;
using Microsoft.AspNetCore.Http;

namespace Jiyul.Hub.Tests.Deploy;

/// <summary>
/// A model that streams slowly, at the test's pace: it sends its first piece at once and each next piece only when
/// the test lets it (<see cref="SendNext"/>). A test that lets the next piece go only after it has received the last
/// one proves, with no clock, that every piece travelled on its own: anything that held pieces back would stall it.
/// </summary>
internal sealed class GatedModelProvider(params string[] pieces) : IModelProvider
{
    private readonly Channel<bool> _gate = Channel.CreateUnbounded<bool>();

    public IReadOnlyList<string> Pieces { get; } = pieces;

    public string Name => ModelProviders.Offline;

    public string Model => "gated";

    public void SendNext() => _gate.Writer.TryWrite(true);

    public async Task<CompletionResult> CompleteAsync(ChatRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        await EventStream.StartAsync(response, cancellationToken);
        for (var i = 0; i < Pieces.Count; i++)
        {
            if (i > 0)
            {
                await _gate.Reader.ReadAsync(cancellationToken);
            }

            var chunk = ChatCompletionShapes.Chunk("chatcmpl-gated", 0, Model, new JsonObject { ["content"] = Pieces[i] }, null);
            await EventStream.WriteJsonAsync(response, chunk, cancellationToken);
        }

        await EventStream.WriteJsonAsync(response, ChatCompletionShapes.Chunk("chatcmpl-gated", 0, Model, [], "stop"), cancellationToken);
        await EventStream.WriteDoneAsync(response, cancellationToken);
        return CompletionResult.Completed(Model, 1, Pieces.Count);
    }
}
