namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// A deterministic stand-in for a tokenizer, close to what the common ones give: about one token per Hangul or
/// Chinese character, and one per four other visible characters.
/// </summary>
internal static class TokenEstimate
{
    public static long Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long syllables = 0;
        long others = 0;
        foreach (var c in text)
        {
            if (TextTerms.IsSyllabic(c))
            {
                syllables++;
            }
            else if (!char.IsWhiteSpace(c))
            {
                others++;
            }
        }

        return syllables + ((others + 3) / 4);
    }
}
