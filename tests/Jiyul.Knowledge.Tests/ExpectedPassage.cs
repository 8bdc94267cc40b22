namespace Jiyul.Knowledge.Tests;

/// <summary>Where the answer to a retrieval question is: the skill, the file inside it, and the heading.</summary>
public sealed record ExpectedPassage(string Skill, string File, string Heading)
{
    public override string ToString() => $"{Skill}/{File} › {Heading}";
}
