using Jiyul.Knowledge.Tests.Infrastructure;

namespace Jiyul.Knowledge.Tests;

public sealed class MarkdownSectionsTests
{
    [Fact]
    public void Split_MarkdownWithFence_SplitsAtHeadingsOutsideCode()
    {
        const string text = "---\ntitle: Rates\nas_of: 2026-03-01\n---\nIntro line.\n\n# Title\n\n## First\n\nOne.\n\n" +
                            "```\n# not a heading\n```\n\n## Second\n\nTwo.\n";
        var document = new PackDocument("s", "references/r.md", "skills/s/references/r.md", text, FrontMatter.Parse(text));

        var passages = MarkdownSections.Split(document, "2025-01-01").ToList();

        Assert.Equal(["", "First", "Second"], passages.Select(p => p.Heading));
        Assert.Contains("# not a heading", passages[1].Text, StringComparison.Ordinal);
        Assert.All(passages, p => Assert.Equal("2026-03-01", p.AsOf));
        Assert.Equal("Rates › Title", passages[1].Context);
    }

    [Fact]
    public void Passages_ReferenceFileWithoutAsOf_TakesTheSkillsDate()
    {
        using var pack = TempPack.CopyOf("clean");
        pack.Replace("skills/tax-law/SKILL.md", "name: tax-law\n", "name: tax-law\nas_of: 2025-05-05\n");
        pack.Replace("skills/tax-law/references/rates.md", "as_of: 2026-01-01\n", "");

        var passages = KnowledgePack.Load(pack.Directory).Passages().Where(p => p.File == "references/rates.md").ToList();

        Assert.NotEmpty(passages);
        Assert.All(passages, p => Assert.Equal("2025-05-05", p.AsOf));
    }

    [Fact]
    public void Load_Fixture_ListsSkillFileFirstThenReferences()
    {
        var pack = KnowledgePack.Load(TempPack.FixturePath("clean"));

        Assert.Equal(["civil-law", "tax-law"], pack.Skills.Select(s => s.Name));
        Assert.Equal(
            ["SKILL.md", "references/lease.md", "SKILL.md", "references/deadlines.md", "references/rates.md"],
            pack.Documents.Select(d => d.File));
        Assert.Equal("skills/tax-law/references/rates.md", pack.Documents[^1].PackPath);
    }
}
