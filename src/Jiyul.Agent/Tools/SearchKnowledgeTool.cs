using System.Globalization;
using System.Text;
using System.Text.Json;
using Jiyul.Agent.Model;
using Microsoft.Extensions.AI;

namespace Jiyul.Agent.Tools;

/// <summary>
/// <c>search_knowledge</c>: the best passages of the knowledge pack for a query, each with its file, heading and the
/// date it is valid for. The index lives in the hub (the search library cannot be compiled ahead of time), so the
/// tool asks the hub over the model socket, the cell's only way out.
/// </summary>
internal sealed class SearchKnowledgeTool(ModelClient model, ILogger<SearchKnowledgeTool> logger) : AgentTool(
    ToolName,
    "Searches the knowledge pack (Korean tax law, civil law, court rulings) and returns the passages that best match, "
        + "best first, each with its file, the statute or case it cites and the date it is valid for. Search before answering "
        + "a legal or tax question; quote what you use.",
    """
    {
      "type": "object",
      "properties": {
        "query": { "type": "string", "description": "What to look for, in Korean or English, e.g. '종합소득세 신고 기한'." },
        "k": { "type": "integer", "minimum": 1, "maximum": 10, "description": "How many passages to return (default 5)." }
      },
      "required": ["query"]
    }
    """)
{
    public const string ToolName = "search_knowledge";

    public const int DefaultResults = 5;

    public const int MaxResults = 10;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var query = StringArgument(arguments, "query");
        if (string.IsNullOrWhiteSpace(query))
        {
            return "Error: give 'query', the words to search the knowledge pack for.";
        }

        var k = Math.Clamp(IntArgument(arguments, "k") ?? DefaultResults, 1, MaxResults);
        using var answer = await model.SearchKnowledgeAsync(query, k, cancellationToken);
        if (answer is null)
        {
            Log.KnowledgeSearchFailed(logger);
            return "Error: the knowledge pack cannot be searched right now. Answer without it, and say so.";
        }

        return Format(query, answer.RootElement);
    }

    /// <summary>Puts the hub's answer into plain text the model reads easily and can cite from.</summary>
    internal static string Format(string query, JsonElement answer)
    {
        if (!answer.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array
            || results.GetArrayLength() == 0)
        {
            return $"No passage of the knowledge pack matches '{query}'. Try other words, or answer without the pack and say so.";
        }

        var text = new StringBuilder();
        var n = 0;
        foreach (var result in results.EnumerateArray())
        {
            n++;
            var skill = Read(result, "skill");
            var file = Read(result, "file");
            var heading = Read(result, "heading");
            var asOf = Read(result, "asOf");
            text.Append(CultureInfo.InvariantCulture, $"[{n}] {skill}/{file}");
            if (heading.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" — {heading}");
            }

            if (asOf.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" (as of {asOf})");
            }

            text.Append('\n').Append(Read(result, "text").Trim()).Append("\n\n");
        }

        text.Append("To read a whole file, call read_skill_file with its path as shown above (skill/file).");
        return text.ToString();
    }

    private static string Read(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
