namespace Jiyul.Hub.Models;

/// <summary>What a provider reports once it has answered a cell: the outcome, and the usage when it completed.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Model">The model that answered, as the provider named it.</param>
/// <param name="InputTokens">Tokens of the request, as the provider counted them; 0 unless completed.</param>
/// <param name="OutputTokens">Tokens of the answer, as the provider counted them; 0 unless completed.</param>
internal readonly record struct CompletionResult(CompletionOutcome Outcome, string Model, long InputTokens, long OutputTokens)
{
    public static CompletionResult Completed(string model, long inputTokens, long outputTokens) =>
        new(CompletionOutcome.Completed, model, inputTokens, outputTokens);

    public static CompletionResult Failed(CompletionOutcome outcome, string model) => new(outcome, model, 0, 0);
}
