using Jiyul.Agent.Hosting;
using Jiyul.Agent.Prompt;
using Jiyul.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Jiyul.Agent.Tests;

public sealed class SystemPromptBuilderTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 31, 23, 0, 0, TimeSpan.Zero));
    private readonly AgentOptions _options;
    private readonly SystemPromptBuilder _builder;

    public SystemPromptBuilderTests()
    {
        _options = AgentHost.CreateOptions(_root);
        Directory.CreateDirectory(_options.Workspace);
        _builder = new SystemPromptBuilder(_options, _time, NullLogger<SystemPromptBuilder>.Instance);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task BuildAsync_AllFilesPresent_PutsEachUnderItsHeadingInOrder()
    {
        string[] files = ["SOUL.md", "IDENTITY.md", "AGENTS.md", "USER.md", "MEMORY.md"];
        foreach (var file in files)
        {
            _root.WriteFile($"workspace/{file}", $"text of {file}");
        }

        var prompt = await BuildAsync();

        var positions = files.Select(file =>
        {
            var heading = prompt.IndexOf($"## {file}", StringComparison.Ordinal);
            var text = prompt.IndexOf($"text of {file}", StringComparison.Ordinal);
            Assert.True(heading >= 0, $"{file} has no heading");
            Assert.True(text > heading, $"{file}'s text is not under its heading");
            return heading;
        }).ToArray();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task BuildAsync_SomeFilesAbsent_LeavesThemOut()
    {
        _root.WriteFile("workspace/SOUL.md", "soul text");
        _root.WriteFile("workspace/USER.md", "   \n");

        var prompt = await BuildAsync();

        Assert.Contains("## SOUL.md", prompt, StringComparison.Ordinal);
        Assert.Contains("soul text", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("## IDENTITY.md", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("## USER.md", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("## MEMORY.md", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_WorkspaceMissing_StillGivesAPreamble()
    {
        Directory.Delete(_options.Workspace);

        var prompt = await BuildAsync();

        Assert.Contains("Jiyul", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("## ", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_FileEditedBetweenCalls_ReadsTheNewText()
    {
        _root.WriteFile("workspace/MEMORY.md", "likes green tea");
        var before = await BuildAsync();

        _root.WriteFile("workspace/MEMORY.md", "likes barley tea");
        var after = await BuildAsync();

        Assert.Contains("likes green tea", before, StringComparison.Ordinal);
        Assert.Contains("likes barley tea", after, StringComparison.Ordinal);
        Assert.DoesNotContain("green", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_SkillsWithFrontMatter_ListsNameDescriptionAndPath()
    {
        _root.WriteFile("skills/tax-law/SKILL.md",
            "---\nname: tax-law\ndescription: Korean tax deadlines and rates.\n---\n# Tax\nbody text\n");
        _root.WriteFile("skills/civil/SKILL.md", "---\nname: civil-law\ndescription: \"Contracts: leases and deposits.\"\n---\n# Civil\n");
        _root.WriteFile("skills/notes/README.md", "not a skill");

        var prompt = await BuildAsync();

        Assert.Contains("## Skills", prompt, StringComparison.Ordinal);
        Assert.Contains(_options.Skills, prompt, StringComparison.Ordinal);
        Assert.Contains(
            $"- tax-law: Korean tax deadlines and rates. ({Path.Combine(_options.Skills, "tax-law", "SKILL.md")})",
            prompt,
            StringComparison.Ordinal);
        Assert.Contains(
            $"- civil-law: Contracts: leases and deposits. ({Path.Combine(_options.Skills, "civil", "SKILL.md")})",
            prompt,
            StringComparison.Ordinal);
        Assert.DoesNotContain("body text", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("notes", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_SkillAddedBetweenCalls_ListsIt()
    {
        var before = await BuildAsync();

        _root.WriteFile("skills/vat/SKILL.md", "---\nname: vat\ndescription: VAT.\n---\n");
        var after = await BuildAsync();

        Assert.DoesNotContain("## Skills", before, StringComparison.Ordinal);
        Assert.Contains("- vat: VAT.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_FileLongerThanTheBound_IsCut()
    {
        _root.WriteFile("workspace/MEMORY.md", new string('가', SystemPromptBuilder.MaxDocumentChars + 10));

        var prompt = await BuildAsync();

        Assert.Contains("the rest is left out", prompt, StringComparison.Ordinal);
        Assert.True(prompt.Length < SystemPromptBuilder.MaxDocumentChars + 1000);
    }

    [Fact]
    public async Task BuildAsync_Always_GivesTodaysDate()
    {
        var prompt = await BuildAsync();

        Assert.Contains("2026-05-31", prompt, StringComparison.Ordinal);
    }

    private Task<string> BuildAsync() => _builder.BuildAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);
}
