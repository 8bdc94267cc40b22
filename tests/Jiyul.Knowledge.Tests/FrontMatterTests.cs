namespace Jiyul.Knowledge.Tests;

public sealed class FrontMatterTests
{
    private const string Document = """
        ---
        title: "Rates"
        as_of: 2026-01-01
        sources:
          - Income Tax Act Article 55 (https://example.test/55)
          - 'Corporate Tax Act Article 55 (https://example.test/c55)'
        description: after the list
        ---
        # Body
        """;

    [Fact]
    public void Parse_BlockList_GivesItemsUnquoted()
    {
        var front = FrontMatter.Parse(Document);

        Assert.Equal(
            ["Income Tax Act Article 55 (https://example.test/55)", "Corporate Tax Act Article 55 (https://example.test/c55)"],
            front.GetList("sources"));
        Assert.Equal("after the list", front.Get("description"));
        Assert.Equal("Rates", front.Get("title"));
    }

    [Fact]
    public void Parse_Keys_KnowTheirLines()
    {
        var front = FrontMatter.Parse(Document);

        Assert.Equal(2, front.LineOf("title"));
        Assert.Equal(4, front.LineOf("sources"));
        Assert.Null(front.LineOf("missing"));
        Assert.Equal(9, front.BodyLine);
        Assert.Equal("# Body", front.Body);
    }

    [Fact]
    public void GetList_InlineValue_IsOneItem()
    {
        var front = FrontMatter.Parse("---\nsources: Act (https://example.test)\n---\n");

        Assert.Equal(["Act (https://example.test)"], front.GetList("sources"));
        Assert.Empty(front.GetList("other"));
    }

    [Fact]
    public void Parse_NoClosingMarker_IsUnterminatedWithNoFrontMatter()
    {
        var front = FrontMatter.Parse("---\ntitle: x\n# Body\n");

        Assert.True(front.IsUnterminated);
        Assert.False(front.HasFrontMatter);
        Assert.Null(front.Get("title"));
    }
}
