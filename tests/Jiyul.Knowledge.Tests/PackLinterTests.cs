using Jiyul.Knowledge.Linting;
using Jiyul.Knowledge.Tests.Infrastructure;

namespace Jiyul.Knowledge.Tests;

public sealed class PackLinterTests
{
    private const string Deadlines = "skills/tax-law/references/deadlines.md";

    [Fact]
    public void Lint_CleanFixture_FindsNothing()
    {
        var findings = PackLinter.Lint(TempPack.FixturePath("clean"));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Lint_MissingAsOf_NamesFileAndFrontMatterLine()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Replace(Deadlines, "as_of: 2026-01-01\n", "");

        var finding = Assert.Single(PackLinter.Lint(pack.Directory));

        Assert.Equal(Deadlines, finding.File);
        Assert.Equal(1, finding.Line);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("'as_of'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_BadDate_PointsAtTheAsOfLine()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Replace(Deadlines, "as_of: 2026-01-01", "as_of: 2026-02-30");

        var finding = Assert.Single(PackLinter.Lint(pack.Directory));

        Assert.Equal((Deadlines, 3), (finding.File, finding.Line));
        Assert.Contains("2026-02-30", finding.Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_MissingSources_IsAnError()
    {
        using var pack = TempPack.CopyOf("clean");
        var path = "skills/tax-law/references/rates.md";
        pack.Replace(path, "sources:\n  - 법인세법 제55조 (https://www.law.go.kr/법령/법인세법/제55조)\n" +
                           "  - Value-Added Tax Act Article 30 (https://www.law.go.kr/법령/부가가치세법/제30조)\n", "");

        var finding = Assert.Single(PackLinter.Lint(pack.Directory));

        Assert.Equal((path, 1, LintSeverity.Error), (finding.File, finding.Line, finding.Severity));
        Assert.Contains("no 'sources'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_SourceWithoutUrlOrName_PointsAtTheItem()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Replace(Deadlines, "  - 부가가치세법 제49조 (https://www.law.go.kr/법령/부가가치세법/제49조)", "  - 부가가치세법 제49조");
        pack.Replace(Deadlines, "  - 국세기본법 제5조 (https://www.law.go.kr/법령/국세기본법/제5조)", "  - https://www.law.go.kr/x");

        var findings = PackLinter.Lint(pack.Directory);

        Assert.Collection(
            findings,
            f => Assert.Equal((Deadlines, 6, true), (f.File, f.Line, f.Message.Contains("no http(s) URL", StringComparison.Ordinal))),
            f => Assert.Equal((Deadlines, 7, true), (f.File, f.Line, f.Message.Contains("only a URL", StringComparison.Ordinal))));
    }

    [Fact]
    public void Lint_BrokenLink_NamesTheLineOfTheLink()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Delete("skills/tax-law/references/rates.md");

        var finding = Assert.Single(PackLinter.Lint(pack.Directory));

        Assert.Equal(("skills/tax-law/SKILL.md", 9), (finding.File, finding.Line));
        Assert.Contains("references/rates.md", finding.Message, StringComparison.Ordinal);
        Assert.Equal("skills/tax-law/SKILL.md:9: " + finding.Message, finding.ToString());
    }

    [Fact]
    public void Lint_LinksInCodeAndToUrlsOrAnchors_AreNotChecked()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Write("persona/SOUL.md", "# Soul\n\n[top](#soul) [mail](mailto:a@example.test) [web](http://example.test/x)\n" +
                                      "`[code](missing.md)`\n\n```\n[fenced](missing.md)\n```\n");

        Assert.Empty(PackLinter.Lint(pack.Directory));
    }

    [Fact]
    public void Lint_MissingPersonaFile_IsAnErrorOnThatFile()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Delete("persona/IDENTITY.md");

        var finding = Assert.Single(PackLinter.Lint(pack.Directory));

        Assert.Equal(("persona/IDENTITY.md", 1, LintSeverity.Error), (finding.File, finding.Line, finding.Severity));
        Assert.Contains("missing", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_SkillWithoutDescription_PointsAtFrontMatter()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Replace("skills/civil-law/SKILL.md",
            "description: Korean civil law questions such as housing leases (test fixture, not legal advice).\n", "");

        var finding = Assert.Single(PackLinter.Lint(pack.Directory));

        Assert.Equal(("skills/civil-law/SKILL.md", 1), (finding.File, finding.Line));
        Assert.Contains("'description'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_ReferenceFileWithoutFrontMatter_ListsWhatItNeeds()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Write("skills/civil-law/references/notes.md", "# Notes\n\nNo front matter here.\n");

        var finding = Assert.Single(PackLinter.Lint(pack.Directory));

        Assert.Equal(("skills/civil-law/references/notes.md", 1), (finding.File, finding.Line));
        Assert.Contains("'title', 'as_of' and 'sources'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_SeveralProblems_AllReportedInFileOrder()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Delete("persona/SOUL.md");
        pack.Replace(Deadlines, "title: 신고·납부 기한 (Filing deadlines, fixture)\n", "");
        pack.Delete("skills/civil-law/references/lease.md");

        var findings = PackLinter.Lint(pack.Directory);

        Assert.Equal(
            ["persona/SOUL.md:1", "skills/civil-law/SKILL.md:8", $"{Deadlines}:1"],
            findings.Select(f => $"{f.File}:{f.Line}"));
    }
}
