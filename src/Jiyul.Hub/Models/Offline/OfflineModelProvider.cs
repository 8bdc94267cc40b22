using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Jiyul.Knowledge.Search;

namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// The built-in model: answers the last user message with the best matching passage of the knowledge pack, so the
/// whole system runs and can be tested with no key and no network. It is deterministic: the same request against
/// the same pack gives the same bytes, which is why the id is a hash of the exchange and <c>created</c> is 0
/// rather than the time. It reads the hub's knowledge index, made fresh before each answer, so an operator's edit to
/// the pack shows in the very next answer.
/// </summary>
internal sealed class OfflineModelProvider(LiveKnowledgeIndex knowledge, ILogger<OfflineModelProvider> logger)
    : IModelProvider
{
    public const string ModelId = "jiyul-offline";

    // Small enough that an answer arrives in several pieces, as a real model's would.
    private const int WordsPerChunk = 6;

    // Roughly what chat templates add around each message.
    private const long TokensPerMessage = 4;

    public string Name => ModelProviders.Offline;

    public string Model => ModelId;

    public async Task<CompletionResult> CompleteAsync(
        ChatRequest request,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);

        // A question with files attached is answered from the best part of the files as well as from the pack.
        var (question, documents) = AttachedText.Split(request.LastUserText());
        var passage = FindPassage(question);
        var answer = OfflineAnswer.Compose(passage, TextTerms.ContainsHangul(question), DocumentExcerpt.FindBest(documents, question));

        var inputTokens = request.Messages.Sum(m => TokenEstimate.Of(ChatRequest.TextOf(m?["content"])) + TokensPerMessage);
        var outputTokens = TokenEstimate.Of(answer);
        var id = "chatcmpl-" + IdOf(question, answer);

        if (request.Stream)
        {
            await StreamAsync(response, id, answer, request.IncludeUsage, inputTokens, outputTokens, cancellationToken);
        }
        else
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = answer };
            var usage = ChatCompletionShapes.Usage(inputTokens, outputTokens);
            var completion = ChatCompletionShapes.Completion(id, 0, ModelId, message, "stop", usage);
            response.ContentType = "application/json";
            await response.WriteAsync(completion.ToJsonString(WireJson.Options), cancellationToken);
        }

        return CompletionResult.Completed(ModelId, inputTokens, outputTokens);
    }

    private PackPassage? FindPassage(string question)
    {
        try
        {
            return PassageSearch.FindBest(knowledge.Fresh(), question);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The pack could not be read just now (a file half-replaced): the answer says nothing was found.
            Log.PackUnreadable(logger, exception);
            return null;
        }
    }

    /// <summary>Cuts text into pieces of a few words each; put together, the pieces are the text to the character.</summary>
    public static IReadOnlyList<string> SplitIntoPieces(string text, int wordsPerChunk)
    {
        var chunks = new List<string>();
        var start = 0;
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var startsWord = !char.IsWhiteSpace(text[i]) && (i == 0 || char.IsWhiteSpace(text[i - 1]));
            if (startsWord && words == wordsPerChunk)
            {
                chunks.Add(text[start..i]);
                start = i;
                words = 0;
            }

            if (startsWord)
            {
                words++;
            }
        }

        if (start < text.Length)
        {
            chunks.Add(text[start..]);
        }

        return chunks;
    }

    private static async Task StreamAsync(
        HttpResponse response,
        string id,
        string answer,
        bool includeUsage,
        long inputTokens,
        long outputTokens,
        CancellationToken cancellationToken)
    {
        await EventStream.StartAsync(response, cancellationToken);
        var first = new JsonObject { ["role"] = "assistant", ["content"] = "" };
        await WriteChunkAsync(response, id, first, null, cancellationToken);

        foreach (var piece in SplitIntoPieces(answer, WordsPerChunk))
        {
            var delta = new JsonObject { ["content"] = piece };
            await WriteChunkAsync(response, id, delta, null, cancellationToken);
        }

        await WriteChunkAsync(response, id, [], "stop", cancellationToken);
        if (includeUsage)
        {
            var usage = ChatCompletionShapes.UsageChunk(id, 0, ModelId, inputTokens, outputTokens);
            await EventStream.WriteJsonAsync(response, usage, cancellationToken);
        }

        await EventStream.WriteDoneAsync(response, cancellationToken);
    }

    private static Task WriteChunkAsync(
        HttpResponse response,
        string id,
        JsonObject delta,
        string? finishReason,
        CancellationToken cancellationToken) =>
        EventStream.WriteJsonAsync(response, ChatCompletionShapes.Chunk(id, 0, ModelId, delta, finishReason), cancellationToken);

    private static string IdOf(string question, string answer)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(question + "\n\u0000\n" + answer));
        return Convert.ToHexStringLower(digest.AsSpan(0, 12));
    }
}
