using System.Net;
using Jiyul.Hub.Data;
using Jiyul.Hub.Tests.Conversations;
using Jiyul.Hub.Tests.Infrastructure;
using Jiyul.Hub.Tests.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jiyul.Hub.Tests.Deploy;

/// <summary>
/// An upgrade in place: the hub stops, and a hub (here the same build, standing in for a new version) starts on the
/// same data directory, store and instance label while the user's cell keeps running.
/// </summary>
public sealed class UpgradeTests
{
    private static readonly TimeSpan s_timeout = ConversationsClient.Timeout;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task HubRestartedOnTheSameData_AppliesMigrationsOnce_AdoptsTheRunningCell_KeepsConversations(string kind)
    {
        using var docker = new TestDocker();
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        var instance = "test-" + Guid.NewGuid().ToString("N")[..12];
        await using var store = await TestStore.CreateAsync(kind);
        var settings = store.With(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Jiyul.Hub.Data.DatabaseMigrator"] = "Information",
        });
        try
        {
            string uid, token;
            Guid conversation;
            var firstLog = new CapturingLoggerProvider();
            await using (var first = await TestHub.StartAsync(settings, s => s.AddSingleton<ILoggerProvider>(firstLog), data, instance))
            {
                (var http, uid) = await first.SignUpAsync();
                token = http.DefaultRequestHeaders.Authorization!.Parameter!;
                var api = new ConversationsClient(http);
                conversation = await api.CreateIdAsync();
                await api.ChatAsync(conversation, "종합소득세 신고 기한은?");
            }

            var before = await docker.InspectAsync(uid).WaitAsync(s_timeout);
            Assert.True(before.State.Running, "the cell keeps running while no hub does");

            var secondLog = new CapturingLoggerProvider();
            await using var second = await TestHub.StartAsync(settings, s => s.AddSingleton<ILoggerProvider>(secondLog), data, instance);
            using var http2 = new HttpClient { BaseAddress = second.BaseAddress, Timeout = s_timeout };
            http2.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var api2 = new ConversationsClient(http2);

            // Migrations: applied by the first hub, none left for the second, each recorded once.
            Assert.Single(firstLog.Entries, e => e.Contains("[100] Applying", StringComparison.Ordinal));
            Assert.DoesNotContain(secondLog.Entries, e => e.Contains("[100]", StringComparison.Ordinal));
            await using (var scope = second.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                var applied = (await db.Database.GetAppliedMigrationsAsync().WaitAsync(s_timeout)).ToList();
                Assert.Equal(db.Database.GetMigrations(), applied);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync().WaitAsync(s_timeout));
            }

            // The cell: the same container, never restarted, ready through the new hub.
            using var ensured = await http2.PostAsync("/ensure", null).WaitAsync(s_timeout);
            Assert.Equal(HttpStatusCode.OK, ensured.StatusCode);
            var after = await docker.InspectAsync(uid).WaitAsync(s_timeout);
            Assert.Equal(before.ID, after.ID);
            Assert.Equal(before.State.StartedAt, after.State.StartedAt);
            Assert.Equal(0L, after.RestartCount);

            // The conversation: kept, and it goes on in the same cell.
            var kept = await api2.MessagesAsync(conversation);
            Assert.Equal(["user/complete", "assistant/complete"], kept.Select(m => $"{m.GetProperty("role")}/{m.GetProperty("status")}"));
            await api2.ChatAsync(conversation, "이어서 질문");
            Assert.Equal(4, (await api2.MessagesAsync(conversation)).Count);
            Assert.Equal(before.State.StartedAt, (await docker.InspectAsync(uid).WaitAsync(s_timeout)).State.StartedAt);
        }
        finally
        {
            await DockerCleanup.RemoveInstanceAsync(instance);
            Directory.Delete(data, recursive: true);
        }
    }
}
