using System.Text;

namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// The part of an attached file the offline model quotes: the line that shares the most terms with the question
/// (the earliest on a tie; the first line with text when none shares any), with the lines after it up to
/// <see cref="TargetLength"/> characters, so that a clause is quoted with its continuation. Deterministic.
/// </summary>
internal static class DocumentExcerpt
{
    public const int TargetLength = 400;

    public static (string Name, string Excerpt)? FindBest(IReadOnlyList<AttachedDocument> documents, string question)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var terms = TextTerms.Of(question);
        (string Name, string[] Lines, int Line, int Score)? best = null;
        foreach (var document in documents)
        {
            var lines = document.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                var score = TextTerms.Of(lines[i]).Count(terms.Contains);
                if (best is null || score > best.Value.Score)
                {
                    best = (document.Name, lines, i, score);
                }
            }
        }

        if (best is not { } found)
        {
            return null;
        }

        var excerpt = new StringBuilder(found.Lines[found.Line]);
        for (var i = found.Line + 1; i < found.Lines.Length && excerpt.Length + found.Lines[i].Length < TargetLength; i++)
        {
            excerpt.Append('\n').Append(found.Lines[i]);
        }

        return (found.Name, excerpt.ToString());
    }
}
