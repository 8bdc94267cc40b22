using Jiyul.Knowledge.Search;
using Jiyul.Knowledge.Tests.Infrastructure;

namespace Jiyul.Knowledge.Tests;

public sealed class KnowledgeIndexTests : IDisposable
{
    private readonly KnowledgeIndex _index = KnowledgeIndex.Build(TempPack.FixturePath("clean"));

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData("종합소득세 신고 기한이 언제인가요?", "references/deadlines.md", "종합소득세 확정신고")]
    [InlineData("신고기한이 일요일이면 어떻게 되나요", "references/deadlines.md", "기한이 공휴일·토요일인 경우")]
    [InlineData("부가세 세율은 몇 퍼센트죠?", "references/rates.md", "부가가치세 세율")]
    [InlineData("임차인 대항력은 언제 생기나요?", "references/lease.md", "대항력")]
    public void Search_KoreanQuestion_FindsThePassageFirst(string question, string file, string heading)
    {
        var best = _index.Search(question, 3)[0];

        Assert.Equal((file, heading), (best.File, best.Heading));
    }

    [Theory]
    [InlineData("When is the VAT final return due?", "references/deadlines.md", "Value-added tax final return")]
    [InlineData("What are the corporate tax brackets?", "references/rates.md", "Corporate tax brackets")]
    [InlineData("Can a tenant renew the lease?", "references/lease.md", "Right to request renewal")]
    public void Search_EnglishQuestion_FindsThePassageFirst(string question, string file, string heading)
    {
        var best = _index.Search(question, 3)[0];

        Assert.Equal((file, heading), (best.File, best.Heading));
    }

    [Fact]
    public void Search_Hit_CarriesSkillDateAndText()
    {
        var best = _index.Search("영세율", 1).Single();

        Assert.Equal("tax-law", best.Skill);
        Assert.Equal("2026-01-01", best.AsOf);
        Assert.Contains("영세율", best.Text, StringComparison.Ordinal);
        Assert.True(best.Score > 0);
    }

    [Fact]
    public void Search_Results_AreBestFirstAndAtMostK()
    {
        var hits = _index.Search("tax 세", 2);

        Assert.Equal(2, hits.Count);
        Assert.True(hits[0].Score >= hits[1].Score);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the of and")]
    [InlineData("?!")]
    public void Search_NoSearchableTerm_FindsNothing(string query)
    {
        Assert.Empty(_index.Search(query, 5));
    }

    [Fact]
    public void Search_ArticleNumberAgainstHangul_MatchesSpacedQuestion()
    {
        var best = _index.Search("국세기본법 5 조", 1).Single();

        Assert.Equal("기한이 공휴일·토요일인 경우", best.Heading);
    }

    [Fact]
    public void Build_Fixture_IndexesEverySection()
    {
        // SKILL.md bodies count too: 2 skills x 1 section, deadlines 3, rates 2, lease 2.
        Assert.Equal(9, _index.PassageCount);
        Assert.Equal(5, _index.FileCount);
        Assert.True(_index.BuildTime > TimeSpan.Zero);
    }
}
