using Jiyul.Hub.Models.Offline;
using Jiyul.Knowledge.Search;

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
    public void FindBest_TermCommonToAllPassages_DoesNotDecide()
    {
        using var index = IndexOf(
            ("a.md", "Income tax", "Income tax is filed in May."),
            ("b.md", "Property tax", "Property tax is paid in July and September."));

        var best = PassageSearch.FindBest(index, "When is property tax paid?");

        Assert.Equal(("s", "b.md", "Property tax"), (best?.Skill, best?.File, best?.Heading));
    }

    [Fact]
    public void FindBest_OnlyOneChanceTerm_FindsNothing()
    {
        using var index = IndexOf(("a.md", "Income tax", "Income tax is filed in May."));

        Assert.Null(PassageSearch.FindBest(index, "Which quarks are filed?"));
    }

    [Fact]
    public void FindBest_KoreanWithParticles_FindsThePassageWithItsDate()
    {
        using var index = IndexOf(
            ("a.md", "종합소득세 확정신고", "종합소득세는 다음 해 5월에 신고합니다."),
            ("b.md", "부가가치세", "부가가치세는 1월과 7월에 신고합니다."));

        var best = PassageSearch.FindBest(index, "종합소득세 신고 기한이 언제인가요?");

        Assert.Equal(("a.md", "2025-01-01"), (best?.File, best?.AsOf));
    }

    [Fact]
    public void SplitIntoPieces_Text_PiecesJoinToTheText()
    {
        const string text = "one two  three\nfour five six seven eight nine ten eleven twelve thirteen";

        var pieces = OfflineModelProvider.SplitIntoPieces(text, 3);

        Assert.Equal(text, string.Concat(pieces));
        Assert.Equal(5, pieces.Count);
    }

    // A one-skill pack in a temporary folder, indexed; the folder is gone once the index is built.
    private static KnowledgeIndex IndexOf(params (string File, string Heading, string Text)[] sections)
    {
        var pack = Directory.CreateTempSubdirectory("jiyul-pack-").FullName;
        try
        {
            var skill = Path.Combine(pack, "skills", "s");
            Directory.CreateDirectory(skill);
            File.WriteAllText(Path.Combine(skill, "SKILL.md"), "---\nname: s\ndescription: test\nas_of: 2025-01-01\n---\n");
            foreach (var (file, heading, text) in sections)
            {
                File.WriteAllText(Path.Combine(skill, file), $"## {heading}\n\n{text}\n");
            }

            return KnowledgeIndex.Build(pack);
        }
        finally
        {
            Directory.Delete(pack, recursive: true);
        }
    }
}
