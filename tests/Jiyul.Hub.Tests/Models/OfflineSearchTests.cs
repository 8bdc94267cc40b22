using Jiyul.Hub.Models.Offline;

namespace Jiyul.Hub.Tests.Models;

public sealed class OfflineSearchTests
{
    [Fact]
    public void Of_KoreanWithParticles_GivesSyllableBigrams()
    {
        var terms = TextTerms.Of("신고 기한이 언제인가요?");

        Assert.Contains("신고", terms);
        Assert.Contains("기한", terms);
        Assert.Contains("한이", terms);
        Assert.DoesNotContain("기한이", terms);
    }

    [Fact]
    public void Of_English_GivesLowercasedSingularWordsWithoutFunctionWords()
    {
        var terms = TextTerms.Of("What are the Penalties for late RETURNS and taxes?");

        Assert.True(terms.SetEquals(["penalty", "late", "return", "tax"]), string.Join(", ", terms));
    }

    [Fact]
    public void Split_MarkdownWithFence_SplitsAtHeadingsOutsideCode()
    {
        var body = "Intro line.\n\n# Title\n\n## First\n\nOne.\n\n```\n# not a heading\n```\n\n## Second\n\nTwo.\n";

        var passages = PackPassages.Split("s", "SKILL.md", body, "2025-01-01").ToList();

        Assert.Equal(["", "First", "Second"], passages.Select(p => p.Heading));
        Assert.Contains("# not a heading", passages[1].Text, StringComparison.Ordinal);
        Assert.All(passages, p => Assert.Equal("2025-01-01", p.AsOf));
    }

    [Fact]
    public void FindBest_TermCommonToAllPassages_DoesNotDecide()
    {
        PackPassage[] passages =
        [
            new("s", "a.md", "Income tax", "Income tax is filed in May.", null),
            new("s", "b.md", "Property tax", "Property tax is paid in July and September.", null),
        ];

        var best = PassageSearch.FindBest(passages, "When is property tax paid?");

        Assert.Equal("b.md", best?.File);
    }

    [Fact]
    public void FindBest_OnlyOneChanceTerm_FindsNothing()
    {
        PackPassage[] passages = [new("s", "a.md", "Income tax", "Income tax is filed in May.", null)];

        Assert.Null(PassageSearch.FindBest(passages, "Which quarks are filed?"));
    }

    [Fact]
    public void SplitIntoPieces_Text_PiecesJoinToTheText()
    {
        const string text = "one two  three\nfour five six seven eight nine ten eleven twelve thirteen";

        var pieces = OfflineModelProvider.SplitIntoPieces(text, 3);

        Assert.Equal(text, string.Concat(pieces));
        Assert.Equal(5, pieces.Count);
    }
}
