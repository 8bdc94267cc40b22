namespace Jiyul.Hub.Models;

/// <summary>
/// Answers a cell's chat completion in OpenAI's shape, writing straight to the cell's response so that a stream
/// reaches the cell as it is produced. Expected failures (a provider's error status, a timeout) are answered to the
/// cell and reported as a <see cref="CompletionOutcome"/>, not thrown.
/// </summary>
internal interface IModelProvider
{
    /// <summary>One of <see cref="ModelProviders.All"/>.</summary>
    string Name { get; }

    /// <summary>The model requests are answered by, whatever model the cell asked for.</summary>
    string Model { get; }

    Task<CompletionResult> CompleteAsync(
        ChatRequest request,
        HttpResponse response,
        CancellationToken cancellationToken);
}
