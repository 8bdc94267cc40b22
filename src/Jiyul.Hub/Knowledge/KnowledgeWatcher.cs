using Jiyul.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Knowledge;

/// <summary>
/// Starts following the pack when the hub starts and stops when it stops, so that an operator's edit shows in
/// search within seconds with no restart. With <see cref="KnowledgeOptions.WatchForChanges"/> off the index is
/// built once, on the first search, and stays as it was.
/// </summary>
internal sealed class KnowledgeWatcher(LiveKnowledgeIndex index, IOptions<KnowledgeOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WatchForChanges)
        {
            index.Start();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => index.StopAsync(cancellationToken);
}
