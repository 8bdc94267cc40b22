namespace Jiyul.Hub.Models;

/// <summary>
/// The lifetime of a host that lives inside the hub. The default console lifetime would also listen for Ctrl+C and
/// SIGTERM and print its own start-up banner; the hub already does both, and it stops this host itself.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
