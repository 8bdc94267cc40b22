using System.Globalization;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Knowledge;

/// <summary>
/// One hub over a small pack of its own, written here so that the answers do not move when the real pack's
/// content changes. One reference file holds more sections than the largest <c>k</c>, all sharing one word.
/// </summary>
public sealed class KnowledgeHubFixture : IAsyncLifetime
{
    public const string SharedWord = "deadline";

    internal TestHub Hub { get; private set; } = null!;

    public string PackDirectory { get; } = Directory.CreateTempSubdirectory("jiyul-pack-").FullName;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(PackDirectory, "persona"));
        foreach (var file in new[] { "SOUL.md", "IDENTITY.md", "AGENTS.md" })
        {
            await File.WriteAllTextAsync(Path.Combine(PackDirectory, "persona", file), "# Persona\n\nA test persona.\n");
        }

        var skill = Path.Combine(PackDirectory, "skills", "tax-law");
        Directory.CreateDirectory(Path.Combine(skill, "references"));
        await File.WriteAllTextAsync(Path.Combine(skill, "SKILL.md"),
            "---\nname: tax-law\ndescription: Tax deadlines (test).\n---\n\n# Tax law\n\nSee the references.\n");

        var sections = string.Concat(Enumerable.Range(1, 25).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"## Rule {i}\n\nThe {SharedWord} of rule {i} is day {i}.\n\n")));
        await File.WriteAllTextAsync(Path.Combine(skill, "references", "deadlines.md"),
            "---\ntitle: Deadlines\nas_of: 2026-01-01\nsources:\n  - 국세기본법 제5조 (https://www.law.go.kr/법령/국세기본법/제5조)\n---\n\n" +
            "## 종합소득세 확정신고\n\n종합소득세는 다음 해 5월 1일부터 5월 31일까지 신고합니다.\n\n" + sections);

        Hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Hub:PackDirectory"] = PackDirectory })
            .WaitAsync(TestHub.StartTimeout);
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync().AsTask().WaitAsync(TestHub.StartTimeout);
        Directory.Delete(PackDirectory, recursive: true);
    }
}
