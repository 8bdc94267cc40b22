using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Conversations;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Limits;

/// <summary>The daily token budget (Limits:DailyTokenBudget) on fake time around a UTC midnight, with the offline model.</summary>
public sealed class TokenBudgetTests
{
    private static readonly TimeSpan s_timeout = ConversationsClient.Timeout;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ModelSocket_BudgetSpent_Answers429WithReasonUntilTheNextUtcDay(bool stream)
    {
        var time = UsageFixtures.BeforeMidnight();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Limits:DailyTokenBudget"] = "1" },
            s => s.AddSingleton<TimeProvider>(time));

        var first = await UsageFixtures.ChatAsync(hub, "alice", stream);
        var refused = await UsageFixtures.ChatAsync(hub, "alice", stream);
        var other = await UsageFixtures.ChatAsync(hub, "bob", stream);
        time.Advance(TimeSpan.FromMinutes(15));
        var nextDay = await UsageFixtures.ChatAsync(hub, "alice", stream);

        Assert.Equal(200, first.Status);
        Assert.Equal(429, refused.Status);
        var error = refused.Body["error"]!;
        Assert.Equal("insufficient_quota", error["type"]!.GetValue<string>());
        Assert.Equal("daily_token_budget_spent", error["code"]!.GetValue<string>());
        Assert.Equal($"The daily token budget of 1 tokens is spent ({first.Tokens} used today, UTC); it renews at 2026-12-02 00:00 UTC.",
            error["message"]!.GetValue<string>());
        Assert.Equal(200, other.Status);
        Assert.Equal(200, nextDay.Status);
    }

    [Fact]
    public async Task ModelSocket_BudgetSpentBeforeARestart_StaysSpent()
    {
        var time = UsageFixtures.BeforeMidnight();
        var directory = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string?> { ["Limits:DailyTokenBudget"] = "1" };
        try
        {
            await using (var first = await TestHub.StartAsync(settings, s => s.AddSingleton<TimeProvider>(time), directory, instance))
            {
                await UsageFixtures.RecordCellAsync(first, "alice");
                Assert.Equal(200, (await UsageFixtures.ChatAsync(first, "alice")).Status);
            }

            await using var second = await TestHub.StartAsync(settings, s => s.AddSingleton<TimeProvider>(time), directory, instance);
            var refused = await UsageFixtures.ChatAsync(second, "alice");

            Assert.Equal(429, refused.Status);
        }
        finally
        {
            await DockerCleanup.RemoveInstanceAsync(instance);
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task PostMessage_BudgetSpent_Answers429BeforeStoringOrStartingACell_ThenWorksNextDay()
    {
        var time = UsageFixtures.BeforeMidnight();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Limits:DailyTokenBudget"] = "100" },
            s => s.AddSingleton<TimeProvider>(time));
        var (http, uid) = await hub.SignUpAsync();
        var api = new ConversationsClient(http);
        var id = await api.CreateIdAsync("budget");
        await UsageFixtures.RecordCellAsync(hub, uid);
        var ledger = hub.Services.GetRequiredService<UsageLedger>();
        await ledger.RecordAsync(new ModelUsage(UidHash.Of(uid), "offline", "jiyul-offline", 60, 40), CancellationToken.None);

        using var refused = await api.PostAsync(id, new { content = "종합소득세 신고 기한은?" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        var usage = await http.GetFromJsonAsync<JsonElement>("/api/me/usage").WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("token-budget-spent", problem.GetProperty("reason").GetString());
        Assert.Contains("100 tokens is spent (100 used today", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);
        Assert.Empty(await api.MessagesAsync(id));
        var status = await hub.Services.GetRequiredService<ICellRuntime>().InspectAsync(UidHash.Of(uid), CancellationToken.None)
            .WaitAsync(s_timeout);
        Assert.Equal(CellState.Missing, status.State);
        Assert.Equal((100, 0), (usage.GetProperty("dailyTokenBudget").GetInt64(), usage.GetProperty("remainingToday").GetInt64()));

        time.Advance(TimeSpan.FromMinutes(15));
        var events = await api.ChatAsync(id, "종합소득세 신고 기한은?");

        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal("done", events[^1].EventType);
        Assert.Equal("complete", done.GetProperty("status").GetString());
        Assert.Equal(2, (await api.MessagesAsync(id)).Count);
    }
}
