using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Jiyul.Hub.Tests.Admin;

/// <summary><c>/api/admin</c>: admins by setting, real agent cells listed and stopped, usage over a range of days.</summary>
public sealed class AdminApiTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AdminEndpoints_NotAnAdmin_Answer403WithReason()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Admin:Users:0"] = "someone-else@example.test" });
        var (client, uid) = await hub.SignUpAsync();

        using var cells = await client.GetAsync("/api/admin/cells").WaitAsync(s_timeout);
        using var stop = await client.PostAsync($"/api/admin/cells/{uid}/stop", null).WaitAsync(s_timeout);
        using var usage = await client.GetAsync("/api/admin/usage").WaitAsync(s_timeout);
        using var anonymous = await hub.Client.GetAsync("/api/admin/cells").WaitAsync(s_timeout);

        foreach (var answer in new[] { cells, stop, usage })
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
            Assert.Equal("not-admin", problem.GetProperty("reason").GetString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Cells_RealAgentCells_ListedWithStateRuntimeActivityMemory_ThenOneStopped()
    {
        var adminEmail = $"admin{Guid.NewGuid():N}@example.test";
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            // Compared without regard to case.
            ["Admin:Users:0"] = adminEmail.ToUpperInvariant(),
        });
        var (admin, _) = await hub.SignUpAsync(adminEmail);
        var (alice, aliceUid) = await hub.SignUpAsync();
        var (bob, bobUid) = await hub.SignUpAsync();
        foreach (var client in new[] { alice, bob })
        {
            using var ensure = await client.PostAsync("/ensure", null).WaitAsync(s_timeout);
            Assert.Equal(HttpStatusCode.OK, ensure.StatusCode);
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        await CellsAsync(admin);
        var first = timer.Elapsed;
        timer.Restart();
        var listed = await CellsAsync(admin);
        output.WriteLine($"GET /api/admin/cells, 2 running cells: first {first.TotalMilliseconds:0} ms, "
            + $"then {timer.Elapsed.TotalMilliseconds:0} ms");
        using var stop = await admin.PostAsync($"/api/admin/cells/{Uri.EscapeDataString(aliceUid)}/stop", null).WaitAsync(s_timeout);
        var stopped = await stop.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        var after = await CellsAsync(admin);
        using var docker = new TestDocker();
        var aliceContainer = await docker.InspectAsync(aliceUid).WaitAsync(s_timeout);
        using var unknown = await admin.PostAsync("/api/admin/cells/nobody-at-all/stop", null).WaitAsync(s_timeout);
        using var again = await alice.PostAsync("/ensure", null).WaitAsync(s_timeout);

        Assert.Equal(2, listed.Count);
        foreach (var uid in new[] { aliceUid, bobUid })
        {
            var cell = listed[uid];
            Assert.Equal(("running", "agent", UidHash.Of(uid)), (Text(cell, "state"), Text(cell, "runtime"), Text(cell, "uidHash")));
            Assert.Equal(JsonValueKind.String, cell.GetProperty("lastActivity").ValueKind);
            Assert.Equal(JsonValueKind.String, cell.GetProperty("lastStartedAt").ValueKind);
            var memory = cell.GetProperty("memoryBytes").GetInt64();
            Assert.InRange(memory, 1, 512L * 1024 * 1024);
            Assert.Equal(2147483648L, cell.GetProperty("memoryLimitBytes").GetInt64());
        }

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal((aliceUid, "stopped"), (Text(stopped, "uid"), Text(stopped, "state")));
        Assert.False(aliceContainer.State.Running);
        Assert.Equal("stopped", Text(after[aliceUid], "state"));
        Assert.Equal(JsonValueKind.Null, after[aliceUid].GetProperty("memoryBytes").ValueKind);
        Assert.Equal("running", Text(after[bobUid], "state"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);
        Assert.Equal("cell-not-found", Text(problem, "reason"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Usage_PerUserPerDay_OverTheRangeAsked(string store)
    {
        var time = UsageFixtures.BeforeMidnight();
        await using var data = await TestStore.CreateAsync(store);
        var adminEmail = $"admin{Guid.NewGuid():N}@example.test";
        await using var hub = await TestHub.StartAsync(data.With(new Dictionary<string, string?> { ["Admin:Users:0"] = adminEmail }),
            s => s.AddSingleton<TimeProvider>(time));
        var (admin, _) = await hub.SignUpAsync(adminEmail);
        var aliceEmail = $"alice{Guid.NewGuid():N}@example.test";
        var (alice, aliceUid) = await hub.SignUpAsync(aliceEmail);
        using (var put = await alice.PutAsJsonAsync("/api/me", new { displayName = "Alice", language = "ko" }).WaitAsync(s_timeout))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var (_, bobUid) = await hub.SignUpAsync();
        await UsageFixtures.RecordCellAsync(hub, aliceUid);
        await UsageFixtures.RecordCellAsync(hub, bobUid);
        var ledger = hub.Services.GetRequiredService<UsageLedger>();
        await ledger.RecordAsync(new ModelUsage(UidHash.Of(aliceUid), "offline", "m", 10, 1), CancellationToken.None);
        await ledger.RecordAsync(new ModelUsage(UidHash.Of(bobUid), "offline", "m", 20, 2), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(15));
        await ledger.RecordAsync(new ModelUsage(UidHash.Of(aliceUid), "offline", "m", 30, 3), CancellationToken.None);

        var both = await admin.GetFromJsonAsync<JsonElement>("/api/admin/usage?from=2026-12-01&to=2026-12-02").WaitAsync(s_timeout);
        var lastDay = await admin.GetFromJsonAsync<JsonElement>("/api/admin/usage").WaitAsync(s_timeout);
        var firstDay = await admin.GetFromJsonAsync<JsonElement>("/api/admin/usage?from=2026-12-01&to=2026-12-01").WaitAsync(s_timeout);

        var rows = both.GetProperty("items").EnumerateArray()
            .Select(i => (Text(i, "uid"), Text(i, "day"), i.GetProperty("totalTokens").GetInt64())).ToList();
        var expected = new List<(string?, string?, long)> { (aliceUid, "2026-12-02", 33) };
        expected.AddRange(new[] { (aliceUid, "2026-12-01", 11L), (bobUid, "2026-12-01", 22L) }.OrderBy(r => r.Item1, StringComparer.Ordinal)
            .Select(r => ((string?)r.Item1, (string?)r.Item2, r.Item3)));
        Assert.Equal(expected, rows);
        var aliceRow = both.GetProperty("items")[0];
        Assert.Equal(aliceEmail, Text(aliceRow, "email"));
        Assert.Equal((1, 30L, 3L), (aliceRow.GetProperty("requests").GetInt32(), aliceRow.GetProperty("inputTokens").GetInt64(),
            aliceRow.GetProperty("outputTokens").GetInt64()));
        Assert.Equal(("2026-11-26", "2026-12-02", 3),
            (Text(lastDay, "from"), Text(lastDay, "to"), lastDay.GetProperty("items").GetArrayLength()));
        Assert.Equal(2, firstDay.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("?from=2026-13-01", "date-invalid")]
    [InlineData("?to=yesterday", "date-invalid")]
    [InlineData("?from=2026-12-02&to=2026-12-01", "range-invalid")]
    [InlineData("?from=2025-01-01&to=2026-12-01", "range-too-long")]
    public async Task Usage_BadRange_Answers400WithReason(string query, string reason)
    {
        var adminEmail = $"admin{Guid.NewGuid():N}@example.test";
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Admin:Users:0"] = adminEmail });
        var (admin, _) = await hub.SignUpAsync(adminEmail);

        using var answer = await admin.GetAsync("/api/admin/usage" + query).WaitAsync(s_timeout);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(reason, Text(problem, "reason"));
    }

    private static async Task<Dictionary<string, JsonElement>> CellsAsync(HttpClient admin)
    {
        var answer = await admin.GetFromJsonAsync<JsonElement>("/api/admin/cells").WaitAsync(s_timeout);
        return answer.GetProperty("items").EnumerateArray().ToDictionary(c => Text(c, "uid")!, c => c);
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
