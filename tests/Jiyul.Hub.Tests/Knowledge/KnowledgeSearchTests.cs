using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Jiyul.Hub.Tests.Knowledge;

public sealed class KnowledgeSearchTests(KnowledgeHubFixture fixture) : IClassFixture<KnowledgeHubFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Search_WithoutToken_Is401()
    {
        using var response = await fixture.Hub.Client.GetAsync("/api/knowledge/search?q=tax").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Search_KoreanQuestion_AnswersPassagesWithTheirSource()
    {
        var (client, _) = await fixture.Hub.SignUpAsync();

        var answer = await GetJsonAsync(client, "/api/knowledge/search?q=" + Uri.EscapeDataString("종합소득세 신고 기한"));

        var best = answer["results"]!.AsArray()[0]!;
        Assert.Equal("tax-law", (string?)best["skill"]);
        Assert.Equal("references/deadlines.md", (string?)best["file"]);
        Assert.Equal("종합소득세 확정신고", (string?)best["heading"]);
        Assert.Equal("2026-01-01", (string?)best["asOf"]);
        Assert.True((double)best["score"]! > 0);
        Assert.Contains("5월 31일", (string?)best["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NoK_AnswersFiveBestFirst()
    {
        var (client, _) = await fixture.Hub.SignUpAsync();

        var results = (await GetJsonAsync(client, $"/api/knowledge/search?q={KnowledgeHubFixture.SharedWord}"))["results"]!.AsArray();

        Assert.Equal(5, results.Count);
        var scores = results.Select(r => (double)r!["score"]!).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(20, 20)]
    [InlineData(500, 20)]
    public async Task Search_K_IsHonouredUpTo20(int k, int expected)
    {
        var (client, _) = await fixture.Hub.SignUpAsync();

        var answer = await GetJsonAsync(client, $"/api/knowledge/search?q={KnowledgeHubFixture.SharedWord}&k={k}");

        Assert.Equal(expected, answer["results"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/api/knowledge/search")]
    [InlineData("/api/knowledge/search?q=")]
    [InlineData("/api/knowledge/search?q=%20%20")]
    [InlineData("/api/knowledge/search?q=tax&k=0")]
    public async Task Search_MissingQueryOrBadK_Is400ProblemDetails(string path)
    {
        var (client, _) = await fixture.Hub.SignUpAsync();

        using var response = await client.GetAsync(path).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>().WaitAsync(Timeout);
        Assert.Equal(400, (int?)problem!["status"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
    }

    [Fact]
    public async Task Search_NoMatch_AnswersEmptyResults()
    {
        var (client, _) = await fixture.Hub.SignUpAsync();

        var answer = await GetJsonAsync(client, "/api/knowledge/search?q=quasarfjord");

        Assert.Empty(answer["results"]!.AsArray());
    }

    [Fact]
    public async Task Search_PackEditedOnTheHost_FindsTheNewPassageWithoutRestart()
    {
        var (client, _) = await fixture.Hub.SignUpAsync();
        const string path = "/api/knowledge/search?q=zephyrlumen";
        Assert.Empty((await GetJsonAsync(client, path))["results"]!.AsArray());

        await File.WriteAllTextAsync(Path.Combine(fixture.PackDirectory, "skills", "tax-law", "references", "hot.md"),
            "---\ntitle: Hot\nas_of: 2026-02-01\nsources:\n  - 국세기본법 제1조 (https://www.law.go.kr/법령/국세기본법/제1조)\n---\n\n" +
            "## Added while running\n\nThe zephyrlumen rule was added while the hub ran.\n");

        // A bounded poll: the watcher's debounce is 300 ms and the rescan 3 s, so this normally ends within a second.
        var deadline = DateTime.UtcNow + Timeout;
        JsonArray results;
        while ((results = (await GetJsonAsync(client, path))["results"]!.AsArray()).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The new passage was not found within {Timeout}.");
            await Task.Delay(50).WaitAsync(Timeout);
        }

        Assert.Equal(("references/hot.md", "Added while running"), ((string?)results[0]!["file"], (string?)results[0]!["heading"]));
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>().WaitAsync(Timeout))!;
    }
}
