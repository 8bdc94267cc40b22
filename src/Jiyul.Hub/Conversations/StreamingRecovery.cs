using Jiyul.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// At start, before anything is served: a reply still marked streaming was cut off by a crash of the last run
/// (a clean stop stores its replies), so it becomes incomplete with what had been written of it.
/// </summary>
internal sealed class StreamingRecovery(IServiceScopeFactory scopes, ILogger<StreamingRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var count = await db.Messages.Where(m => m.Status == MessageStatuses.Streaming)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatuses.Incomplete), cancellationToken);
        if (count > 0)
        {
            Log.StreamingRecovered(logger, count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
