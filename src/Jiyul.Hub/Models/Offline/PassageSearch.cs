namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// Finds the passage that best matches a question by the terms they share, each weighted by how rare it is in the
/// pack, so that a term every passage has ("tax", "세금") counts for little and a specific one decides.
/// Ties go to the passage that comes first, which keeps the answer the same for the same pack and question.
/// </summary>
internal static class PassageSearch
{
    public static PackPassage? FindBest(IReadOnlyList<PackPassage> passages, string question)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var query = TextTerms.Of(question);
        if (query.Count == 0 || passages.Count == 0)
        {
            return null;
        }

        var termsOfPassages = passages.Select(p => TextTerms.Of(p.Heading + "\n" + p.Text)).ToList();
        var weights = query.ToDictionary(
            term => term,
            term => Math.Log(1 + ((double)passages.Count / Math.Max(1, termsOfPassages.Count(terms => terms.Contains(term))))),
            StringComparer.Ordinal);

        // One shared term is chance (a particle, a number); two make a match, unless the question has only one.
        var required = Math.Min(2, query.Count);
        PackPassage? best = null;
        var bestScore = 0.0;
        for (var i = 0; i < passages.Count; i++)
        {
            var shared = query.Where(termsOfPassages[i].Contains).ToList();
            var score = shared.Sum(term => weights[term]);
            if (shared.Count >= required && score > bestScore)
            {
                best = passages[i];
                bestScore = score;
            }
        }

        return best;
    }
}
