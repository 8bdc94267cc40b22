using System.Net;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Models;

public sealed class OfflineModelTests
{
    private const string KoreanQuestion = "종합소득세 신고 기한이 언제인가요?";
    private const string EnglishQuestion = "When is the comprehensive income tax return due?";

    [Fact]
    public async Task ChatCompletions_KoreanQuestion_QuotesPassageWithSourceInKorean()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(KoreanQuestion));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completion = await ModelSocket.ReadJsonAsync(response);
        var content = ModelSocket.ContentOf(completion);
        // The pack's passage on the return deadline, quoted with its file, heading and statute.
        Assert.Contains("5월 1일부터 5월 31일까지", content, StringComparison.Ordinal);
        Assert.Contains("소득세법 제70조", content, StringComparison.Ordinal);
        Assert.Contains("출처: tax-law/references/filing-deadlines.md", content, StringComparison.Ordinal);
        Assert.Contains("종합소득세 확정신고", content, StringComparison.Ordinal);
        Assert.Equal("jiyul-offline", completion["model"]!.GetValue<string>());
        Assert.Equal("stop", completion["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_EnglishQuestion_QuotesPassageWithSourceInEnglish()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(EnglishQuestion));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = ModelSocket.ContentOf(await ModelSocket.ReadJsonAsync(response));
        Assert.StartsWith("Here is what the knowledge pack says", content, StringComparison.Ordinal);
        Assert.Contains("Income Tax Act Art. 70", content, StringComparison.Ordinal);
        Assert.Contains("Source: tax-law/references/filing-deadlines.md — \"종합소득세 확정신고\"", content, StringComparison.Ordinal);
        Assert.DoesNotContain("출처", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_QuestionOutsideThePack_SaysNothingWasFound()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var english = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("How do gluons bind quarks?"));
        using var korean = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("오늘 서울 날씨는 어떤가요?"));

        Assert.Contains("found nothing in the knowledge pack", ModelSocket.ContentOf(await ModelSocket.ReadJsonAsync(english)),
            StringComparison.Ordinal);
        Assert.Contains("찾지 못했습니다", ModelSocket.ContentOf(await ModelSocket.ReadJsonAsync(korean)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_Stream_ArrivesInSeveralChunksEndingWithDoneAndUsage()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var whole = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(KoreanQuestion));
        var expected = await ModelSocket.ReadJsonAsync(whole);
        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(KoreanQuestion, stream: true, includeUsage: true));
        using var events = await EventReader.OpenAsync(response);
        var data = await events.ReadToEndAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(d => JsonNode.Parse(d)!.AsObject()).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        var pieces = chunks
            .Where(c => c["choices"]!.AsArray().Count > 0 && c["choices"]![0]!["delta"]!["content"] is not null)
            .Select(c => c["choices"]![0]!["delta"]!["content"]!.GetValue<string>())
            .Where(p => p.Length > 0)
            .ToList();
        Assert.True(pieces.Count >= 3, $"expected several content chunks, got {pieces.Count}");
        Assert.Equal(ModelSocket.ContentOf(expected), string.Concat(pieces));

        var usage = chunks[^1];
        Assert.Empty(usage["choices"]!.AsArray());
        Assert.Equal(expected["usage"]!.ToJsonString(), usage["usage"]!.ToJsonString());
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_StreamWithoutUsageOption_SendsNoUsageChunk()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(EnglishQuestion, stream: true));
        using var events = await EventReader.OpenAsync(response);
        var data = await events.ReadToEndAsync();

        Assert.Equal("[DONE]", data[^1]);
        Assert.All(data[..^1], d => Assert.Null(JsonNode.Parse(d)!["usage"]));
    }

    [Fact]
    public async Task ChatCompletions_SameRequestTwice_AnswersTheSameBytes()
    {
        await using var hub = await TestHub.StartAsync();
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var first = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(KoreanQuestion));
        using var second = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(KoreanQuestion));
        var streamed = ModelSocket.Chat(EnglishQuestion, stream: true, includeUsage: true);
        using var firstStream = await ModelSocket.PostChatAsync(client, streamed);
        using var secondStream = await ModelSocket.PostChatAsync(client, streamed);

        Assert.Equal(
            await first.Content.ReadAsStringAsync().WaitAsync(ModelSocket.Timeout),
            await second.Content.ReadAsStringAsync().WaitAsync(ModelSocket.Timeout));
        Assert.Equal(
            await firstStream.Content.ReadAsStringAsync().WaitAsync(ModelSocket.Timeout),
            await secondStream.Content.ReadAsStringAsync().WaitAsync(ModelSocket.Timeout));
    }

    [Fact]
    public async Task ChatCompletions_PackWithReferenceFiles_CitesBestSectionWithAsOfAndSeesEdits()
    {
        var pack = Directory.CreateTempSubdirectory("jiyul-pack-").FullName;
        try
        {
            // A pack has a persona too; the hub refuses one without it.
            Directory.CreateDirectory(Path.Combine(pack, "persona"));
            var skill = Path.Combine(pack, "skills", "vat");
            Directory.CreateDirectory(Path.Combine(skill, "references"));
            await File.WriteAllTextAsync(Path.Combine(skill, "SKILL.md"),
                "---\nname: vat\ndescription: Value-added tax.\nas_of: 2025-01-01\n---\n\n# VAT\n\nValue-added tax basics.\n");
            await File.WriteAllTextAsync(Path.Combine(skill, "references", "rates.md"),
                "---\nas_of: 2025-07-01\n---\n\n# Rates\n\n## Standard rate\n\nThe standard VAT rate is 10 percent.\n\n" +
                "## Zero rate\n\nExports are zero-rated (영세율): 수출하는 재화에는 영의 세율을 적용합니다.\n");
            await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Hub:PackDirectory"] = pack });
            using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

            using var zero = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("수출 재화에 적용되는 영세율은?"));
            var zeroAnswer = ModelSocket.ContentOf(await ModelSocket.ReadJsonAsync(zero));
            await File.WriteAllTextAsync(Path.Combine(skill, "references", "deadlines.md"),
                "# Deadlines\n\n## Filing deadlines\n\nVAT returns are filed by 25 January and 25 July.\n");
            using var deadline = await ModelSocket.PostChatAsync(client, ModelSocket.Chat("What are the VAT filing deadlines?"));
            var deadlineAnswer = ModelSocket.ContentOf(await ModelSocket.ReadJsonAsync(deadline));

            Assert.Contains("> Exports are zero-rated (영세율)", zeroAnswer, StringComparison.Ordinal);
            const string zeroSource = "출처: vat/references/rates.md — 「Zero rate」 (기준일: 2025-07-01)";
            Assert.Contains(zeroSource, zeroAnswer, StringComparison.Ordinal);
            Assert.Contains("> VAT returns are filed by 25 January and 25 July.", deadlineAnswer, StringComparison.Ordinal);
            Assert.Contains("Source: vat/references/deadlines.md — \"Filing deadlines\" (as of 2025-01-01)", deadlineAnswer,
                StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(pack, recursive: true);
        }
    }

    [Fact]
    public async Task ChatCompletions_Answered_RecordsUsageForTheCellsUid()
    {
        var sink = new RecordingUsageSink();
        await using var hub = await TestHub.StartAsync(services: s => s.AddSingleton<IModelUsageSink>(sink));
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, "alice"));

        using var response = await ModelSocket.PostChatAsync(client, ModelSocket.Chat(EnglishQuestion));
        var usage = (await ModelSocket.ReadJsonAsync(response))["usage"]!;
        var recorded = await sink.NextAsync();

        Assert.Equal(new ModelUsage(
                UidHash.Of("alice"),
                "offline",
                "jiyul-offline",
                usage["prompt_tokens"]!.GetValue<long>(),
                usage["completion_tokens"]!.GetValue<long>()),
            recorded);
        Assert.True(recorded.InputTokens > 0 && recorded.OutputTokens > 0);
    }
}
