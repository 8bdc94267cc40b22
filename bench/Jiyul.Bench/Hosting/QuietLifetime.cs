using Microsoft.Extensions.Hosting;

namespace Jiyul.Bench.Hosting;

/// <summary>
/// Takes the place of the console lifetime in the hub the bench hosts: the hub then leaves Ctrl-C and SIGTERM to the
/// bench, which cancels its run, stops the hub itself and removes the cells, instead of the hub stopping under it.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
