using Jiyul.Hub.Knowledge;

namespace Jiyul.Hub.Tests.Knowledge;

public sealed class PackCommandTests
{
    [Fact]
    public void Run_RealPack_IsClean()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = PackCommand.Run(["pack", "lint", RepositoryRoot.Combine("packs", "legal-tax-ko")], output, error);

        Assert.True(exit == PackCommand.Clean, output.ToString());
        Assert.Contains("0 error(s)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BrokenPack_PrintsFileLineMessageAndFails()
    {
        var pack = Directory.CreateTempSubdirectory("jiyul-pack-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(pack, "persona"));
            var skill = Path.Combine(pack, "skills", "tax-law");
            Directory.CreateDirectory(skill);
            File.WriteAllText(Path.Combine(skill, "SKILL.md"), "---\nname: tax-law\n---\n\nSee [rates](rates.md).\n");
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = PackCommand.Run(["pack", "lint", pack], output, error);

            Assert.Equal(PackCommand.Failed, exit);
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("skills/tax-law/SKILL.md:1: SKILL.md front matter has no 'description'", lines);
            Assert.Contains(lines, l => l.StartsWith("skills/tax-law/SKILL.md:5: the link 'rates.md' is broken", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("persona/SOUL.md:1: ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(pack, recursive: true);
        }
    }

    [Theory]
    [InlineData("pack")]
    [InlineData("pack check")]
    [InlineData("pack lint a b")]
    public void Run_NotUnderstood_IsUsage(string arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(PackCommand.Usage, PackCommand.Run(arguments.Split(' '), output, error));
        Assert.Contains("usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_HubSettings_AreNotAPackCommand()
    {
        Assert.False(PackCommand.Matches(["--urls", "http://127.0.0.1:0"]));
        Assert.True(PackCommand.Matches(["pack", "lint"]));
    }
}
