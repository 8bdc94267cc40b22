using Jiyul.Knowledge.Search;

namespace Jiyul.Hub.Models.Offline;

/// <summary>
/// Picks the passage the offline model quotes: the pack's search index ranks the passages (BM25 over syllable
/// bigrams and English stems, the same ranking as <c>/api/knowledge/search</c>), and the best of the first few that
/// shares at least two terms with the question is the answer. One shared term is chance (a particle, a number), and
/// quoting a passage that does not answer is worse than saying nothing was found; a one-term question needs one.
/// The index is deterministic, so the same pack and question give the same passage.
/// </summary>
internal static class PassageSearch
{
    // Enough to step past a top hit that matched by chance, few enough that a weak match is not dug up.
    private const int Candidates = 5;

    public static PackPassage? FindBest(KnowledgeIndex index, string question)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(question);
        var query = TextTerms.Of(question);
        if (query.Count == 0)
        {
            return null;
        }

        var required = Math.Min(2, query.Count);
        foreach (var hit in index.Search(question, Candidates))
        {
            var terms = TextTerms.Of(hit.Heading + "\n" + hit.Text);
            if (query.Count(terms.Contains) >= required)
            {
                return new PackPassage(hit.Skill, hit.File, hit.Heading, hit.Text, hit.AsOf);
            }
        }

        return null;
    }
}
