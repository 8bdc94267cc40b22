namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// Breaks text into the terms the offline model matches on. Korean is written without spaces between a noun and
/// its particles ("기한이", "신고는"), so whole words rarely match; overlapping pairs of syllables do.
/// Hangul and Chinese characters therefore become character bigrams; other scripts become lowercased words, with
/// a plural "s" taken off and common English function words left out.
/// </summary>
internal static class TextTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did",
        "do", "does", "for", "from", "had", "has", "have", "here", "how", "i", "if", "in", "is", "it", "its", "may",
        "me", "might", "must", "my", "not", "of", "on", "or", "our", "please", "shall", "should", "so", "some", "tell",
        "that", "the", "there", "these", "this", "those", "to", "was", "we", "were", "what", "when", "where", "which",
        "who", "whom", "why", "will", "with", "would", "you", "your",
    };

    public static HashSet<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (IsSyllabic(text[i]))
            {
                while (i < text.Length && IsSyllabic(text[i]))
                {
                    i++;
                }

                AddBigrams(text.AsSpan(start, i - start), terms);
            }
            else if (char.IsLetterOrDigit(text[i]))
            {
                while (i < text.Length && char.IsLetterOrDigit(text[i]) && !IsSyllabic(text[i]))
                {
                    i++;
                }

                AddWord(text[start..i].ToLowerInvariant(), terms);
            }
            else
            {
                i++;
            }
        }

        return terms;
    }

    /// <summary>True for Hangul syllables and compatibility jamo (ㄱ, ㅏ), which a Korean question may hold alone.</summary>
    public static bool ContainsHangul(string text) =>
        text.Any(c => IsHangulSyllable(c) || c is >= '\u3131' and <= '\u318E');

    /// <summary>Scripts written without spaces between words: Hangul syllables and CJK ideographs.</summary>
    public static bool IsSyllabic(char c) => IsHangulSyllable(c) || c is >= '\u4E00' and <= '\u9FFF';

    private static bool IsHangulSyllable(char c) => c is >= '\uAC00' and <= '\uD7A3';

    private static void AddBigrams(ReadOnlySpan<char> run, HashSet<string> terms)
    {
        if (run.Length == 1)
        {
            terms.Add(run.ToString());
            return;
        }

        for (var j = 0; j + 1 < run.Length; j++)
        {
            terms.Add(run.Slice(j, 2).ToString());
        }
    }

    private static void AddWord(string word, HashSet<string> terms)
    {
        if (word.Length < 2 || StopWords.Contains(word))
        {
            return;
        }

        terms.Add(Singular(word));
    }

    private static string Singular(string word)
    {
        if (word.Length <= 3 || !word.EndsWith('s') || word.EndsWith("ss", StringComparison.Ordinal) ||
            word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) ||
            word.EndsWith("shes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        return word[..^1];
    }
}
