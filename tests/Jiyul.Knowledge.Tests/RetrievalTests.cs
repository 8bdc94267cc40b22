using System.Text;
using System.Text.Json;
using Jiyul.Knowledge.Search;
using Jiyul.Knowledge.Tests.Infrastructure;

namespace Jiyul.Knowledge.Tests;

/// <summary>
/// The pack is only as useful as search is at finding the passage that answers a question. When the pack's authors
/// have written RetrievalQuestions.json, every one of its questions must have its passage in the top 3 over the real
/// pack; until then, a small set of questions of this file's own is checked against the fixture pack, so the test
/// always runs the same code path.
/// </summary>
public sealed class RetrievalTests
{
    private const int Top = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly RetrievalQuestion[] FixtureQuestions =
    [
        new("프리랜서 종합소득세 확정신고는 언제까지 하나요?", new("tax-law", "references/deadlines.md", "종합소득세 확정신고")),
        new("신고 마감일이 토요일이면 기한은 어떻게 되나요?", new("tax-law", "references/deadlines.md", "기한이 공휴일·토요일인 경우")),
        new("When must the second-half VAT return be filed?", new("tax-law", "references/deadlines.md", "Value-added tax final return")),
        new("Which corporate tax rate applies above 300 billion won?", new("tax-law", "references/rates.md", "Corporate tax brackets")),
        new("What is the VAT rate on exported goods?", new("tax-law", "references/rates.md", "부가가치세 세율")),
        new("전입신고하면 대항력이 언제부터 생기나요?", new("civil-law", "references/lease.md", "대항력")),
        new("How long is a renewed housing lease?", new("civil-law", "references/lease.md", "Right to request renewal")),
    ];

    [Fact]
    public void Search_EveryRetrievalQuestion_HasItsPassageInTheTop3()
    {
        var questionsFile = RepositoryRoot.Combine("tests", "Jiyul.Knowledge.Tests", "RetrievalQuestions.json");
        var (pack, questions) = File.Exists(questionsFile)
            ? (RepositoryRoot.Combine("packs", "legal-tax-ko"), Read(questionsFile))
            : (TempPack.FixturePath("clean"), FixtureQuestions);
        Assert.NotEmpty(questions);

        using var index = KnowledgeIndex.Build(pack);
        var misses = new StringBuilder();
        var missed = 0;
        foreach (var question in questions)
        {
            var hits = index.Search(question.Question, Top);
            if (!hits.Any(hit => Matches(hit, question.Expect)))
            {
                missed++;
                misses.Append("\n- ").Append(question.Question)
                    .Append("\n    expected: ").Append(question.Expect)
                    .Append("\n    found:    ")
                    .AppendJoin("\n              ", hits.Select(h => $"{h.Skill}/{h.File} › {h.Heading} ({h.Score:0.00})"));
            }
        }

        Assert.True(missed == 0, $"{missed} of {questions.Count} questions missed their passage in the top {Top} over {pack}:{misses}");
    }

    private static bool Matches(SearchHit hit, ExpectedPassage expected) =>
        hit.Skill == expected.Skill &&
        hit.File == expected.File &&
        string.Equals(hit.Heading.Trim(), expected.Heading.Trim(), StringComparison.Ordinal);

    private static IReadOnlyList<RetrievalQuestion> Read(string path) =>
        JsonSerializer.Deserialize<RetrievalQuestion[]>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no questions.");
}
