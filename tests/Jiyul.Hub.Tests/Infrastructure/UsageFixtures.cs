using System.Globalization;
using System.Text.Json.Nodes;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Jiyul.Hub.Tests.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jiyul.Hub.Tests.Infrastructure;

/// <summary>Helpers for tests of model usage and budgets: fake time near a UTC midnight, cell records, model calls.</summary>
internal static class UsageFixtures
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Ten minutes before midnight UTC, so a test can step into the next UTC day within a token's lifetime.</summary>
    public static FakeTimeProvider BeforeMidnight() =>
        new(DateTimeOffset.Parse("2026-12-01T23:50:00Z", CultureInfo.InvariantCulture));

    public static readonly DateOnly FirstDay = new(2026, 12, 1);

    /// <summary>The record a cell has once it was first started, which is what ties its usage to its uid.</summary>
    public static async Task RecordCellAsync(TestHub hub, string uid)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.Cells.Add(new CellRecord
        {
            UidHash = UidHash.Of(uid), Uid = uid, Runtime = CellRuntimes.Agent, CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync().WaitAsync(Timeout);
    }

    public static async Task<List<UsageDay>> StoredUsageAsync(TestHub hub)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Usage.AsNoTracking().OrderBy(u => u.Day).ThenBy(u => u.OwnerUid).ToListAsync().WaitAsync(Timeout);
    }

    /// <summary>One chat completion through the model socket as the cell of <paramref name="uid"/>; answers status and usage.</summary>
    public static async Task<(int Status, JsonObject Body, long Tokens)> ChatAsync(TestHub hub, string uid, bool stream = false)
    {
        using var client = ModelSocket.Connect(hub, ModelSocket.TokenFor(hub, uid));
        using var response = await ModelSocket.PostChatAsync(client,
            ModelSocket.Chat("What is the VAT filing deadline?", stream, includeUsage: stream));
        if (!stream || !response.IsSuccessStatusCode)
        {
            var body = await ModelSocket.ReadJsonAsync(response);
            return ((int)response.StatusCode, body, TokensOf(body));
        }

        using var events = await EventReader.OpenAsync(response);
        JsonObject? last = null;
        while (await events.NextAsync() is { } data && data != "[DONE]")
        {
            var chunk = JsonNode.Parse(data)!.AsObject();
            if (chunk["usage"] is JsonObject)
            {
                last = chunk;
            }
        }

        Assert.NotNull(last);
        return ((int)response.StatusCode, last, TokensOf(last));
    }

    private static long TokensOf(JsonObject body) => body["usage"] is JsonObject usage
        ? usage["prompt_tokens"]!.GetValue<long>() + usage["completion_tokens"]!.GetValue<long>()
        : 0;
}
