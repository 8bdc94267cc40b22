using Jiyul.Hub.Data;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Data;

/// <summary>The same model on both providers: migrations apply, and the queries the hub relies on run in the database.</summary>
public sealed class StoreTests
{
    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Migrations_apply_and_the_store_orders_conversations_newest_first(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var hub = await TestHub.StartAsync(store.With());

        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        Assert.Equal(kind == TestStore.Postgres ? typeof(PostgresHubDbContext) : typeof(SqliteHubDbContext), db.GetType());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            db.Conversations.Add(new Conversation
            {
                Id = Guid.NewGuid(), OwnerUid = "u1", Title = $"c{i}", CreatedAt = start, UpdatedAt = start.AddMinutes(i),
            });
        }

        db.Conversations.Add(new Conversation { Id = Guid.NewGuid(), OwnerUid = "u2", Title = "other", UpdatedAt = start.AddHours(1) });
        await db.SaveChangesAsync();

        var titles = await db.Conversations.Where(c => c.OwnerUid == "u1" && c.UpdatedAt > start)
            .OrderByDescending(c => c.UpdatedAt).Select(c => c.Title).ToListAsync();
        Assert.Equal(["c2", "c1"], titles);
    }
}
