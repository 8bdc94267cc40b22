using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Models;

/// <summary>Model usage kept in the store: every response counted per user per UTC day, written in batches and at stop.</summary>
public sealed class UsageLedgerTests
{
    private static readonly TimeSpan s_timeout = UsageFixtures.Timeout;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Responses_PlainAndStreamed_CountedPerUserPerUtcDayInMeUsage(string store)
    {
        var time = UsageFixtures.BeforeMidnight();
        await using var data = await TestStore.CreateAsync(store);

        // The timer is out of the way: the usage endpoint writes what is pending before it reads.
        var settings = data.With(new Dictionary<string, string?> { ["Models:UsageFlushInterval"] = "00:10:00" });
        await using var hub = await TestHub.StartAsync(settings,
            services: s => s.AddSingleton<TimeProvider>(time));
        var (alice, aliceUid) = await hub.SignUpAsync();
        var (bob, bobUid) = await hub.SignUpAsync();
        await UsageFixtures.RecordCellAsync(hub, aliceUid);
        await UsageFixtures.RecordCellAsync(hub, bobUid);

        var plain = await UsageFixtures.ChatAsync(hub, aliceUid);
        var streamed = await UsageFixtures.ChatAsync(hub, aliceUid, stream: true);
        time.Advance(TimeSpan.FromMinutes(15));
        var nextDay = await UsageFixtures.ChatAsync(hub, aliceUid);
        var usage = await alice.GetFromJsonAsync<JsonElement>("/api/me/usage?days=3").WaitAsync(s_timeout);
        var bobs = await bob.GetFromJsonAsync<JsonElement>("/api/me/usage").WaitAsync(s_timeout);

        Assert.Equal((200, 200, 200), (plain.Status, streamed.Status, nextDay.Status));
        Assert.True(plain.Tokens > 0 && streamed.Tokens > 0, "the offline model reports usage");
        var days = usage.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2026-12-02", "2026-12-01", "2026-11-30"], days.Select(d => d.GetProperty("day").GetString()));
        Assert.Equal((1, nextDay.Tokens), Counts(days[0]));
        Assert.Equal((2, plain.Tokens + streamed.Tokens), Counts(days[1]));
        Assert.Equal((0, 0L), Counts(days[2]));
        Assert.Equal(days[0].GetRawText(), usage.GetProperty("today").GetRawText());
        Assert.Equal(0, usage.GetProperty("dailyTokenBudget").GetInt64());
        Assert.Equal(JsonValueKind.Null, usage.GetProperty("remainingToday").ValueKind);
        Assert.Equal(7, bobs.GetProperty("days").GetArrayLength());
        Assert.All(bobs.GetProperty("days").EnumerateArray(), d => Assert.Equal((0, 0L), Counts(d)));

        var stored = await UsageFixtures.StoredUsageAsync(hub);
        Assert.Equal([(aliceUid, UsageFixtures.FirstDay), (aliceUid, UsageFixtures.FirstDay.AddDays(1))],
            stored.Select(u => (u.OwnerUid, u.Day)));
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Ledger_FlushIntervalWrites_AndAStoppingHubWritesTheRest(string store)
    {
        var time = UsageFixtures.BeforeMidnight();
        await using var data = await TestStore.CreateAsync(store);
        var directory = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        var settings = data.With(new Dictionary<string, string?> { ["Models:UsageFlushInterval"] = "00:00:30" });
        try
        {
            await using (var first = await TestHub.StartAsync(settings, s => s.AddSingleton<TimeProvider>(time), directory, instance))
            {
                await UsageFixtures.RecordCellAsync(first, "alice");
                var ledger = first.Services.GetRequiredService<UsageLedger>();
                await ledger.RecordAsync(new ModelUsage(UidHash.Of("alice"), "offline", "m", 10, 5), CancellationToken.None);
                Assert.Empty(await UsageFixtures.StoredUsageAsync(first));

                time.Advance(TimeSpan.FromSeconds(30));
                var written = await WaitForStoredAsync(first, rows => rows.Count == 1);
                Assert.Equal((1, 10L, 5L), (written[0].Requests, written[0].InputTokens, written[0].OutputTokens));

                // Recorded and not yet due: only the stop of the hub writes it.
                await ledger.RecordAsync(new ModelUsage(UidHash.Of("alice"), "offline", "m", 7, 3), CancellationToken.None);
            }

            await using var second = await TestHub.StartAsync(settings, s => s.AddSingleton<TimeProvider>(time), directory, instance);
            var kept = Assert.Single(await UsageFixtures.StoredUsageAsync(second));
            Assert.Equal(("alice", UsageFixtures.FirstDay, 2, 17L, 8L),
                (kept.OwnerUid, kept.Day, kept.Requests, kept.InputTokens, kept.OutputTokens));
        }
        finally
        {
            await DockerCleanup.RemoveInstanceAsync(instance);
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("x")]
    public async Task MeUsage_BadDays_Answers400(string days)
    {
        await using var hub = await TestHub.StartAsync();
        var (client, _) = await hub.SignUpAsync();

        using var answer = await client.GetAsync($"/api/me/usage?days={days}").WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    private static (int Requests, long Tokens) Counts(JsonElement day) =>
        (day.GetProperty("requests").GetInt32(), day.GetProperty("totalTokens").GetInt64());

    private static async Task<List<Jiyul.Hub.Data.UsageDay>> WaitForStoredAsync(TestHub hub, Func<List<Jiyul.Hub.Data.UsageDay>, bool> done)
    {
        using var deadline = new CancellationTokenSource(s_timeout);
        while (true)
        {
            var rows = await UsageFixtures.StoredUsageAsync(hub);
            if (done(rows))
            {
                return rows;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {s_timeout.TotalSeconds:0} s for the usage timer to write to the store.");
            }
        }
    }
}
