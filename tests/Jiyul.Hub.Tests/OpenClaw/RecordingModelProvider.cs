using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jiyul.Hub.Models;
using Microsoft.AspNetCore.Http;

namespace Jiyul.Hub.Tests.OpenClaw;

/// <summary>Passes every request to the real provider and keeps a copy of what the cell sent to the model egress.</summary>
internal sealed class RecordingModelProvider(IModelProvider inner) : IModelProvider
{
    private readonly ConcurrentQueue<JsonObject> _requests = new();

    public string Name => inner.Name;

    public string Model => inner.Model;

    public IReadOnlyCollection<JsonObject> Requests => _requests;

    public Task<CompletionResult> CompleteAsync(ChatRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        _requests.Enqueue((JsonObject)request.Body.DeepClone());
        return inner.CompleteAsync(request, response, cancellationToken);
    }
}
