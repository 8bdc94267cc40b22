using System.Collections.Concurrent;

namespace Jiyul.Bench.Engine;

/// <summary>
/// Notes when each cell's gateway creates its <c>gateway.sock</c>, through inotify on the hub's cells directory.
/// The gateway creates the socket as it starts listening, so this is the moment the cell could first have answered
/// a readiness probe; unlike polling the socket, watching costs the cores nothing while a start is measured.
/// </summary>
internal sealed class GatewaySocketWatcher : IDisposable
{
    private const string SocketName = "gateway.sock";
    private readonly ConcurrentQueue<(string UidHash, DateTimeOffset At)> _created = new();
    private readonly FileSystemWatcher _watcher;

    public GatewaySocketWatcher(string cellsDirectory)
    {
        Directory.CreateDirectory(cellsDirectory);
        _watcher = new FileSystemWatcher(cellsDirectory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName,
        };
        _watcher.Created += OnCreated;
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The first time the cell's socket was created at or after the given moment.</summary>
    public DateTimeOffset? FirstCreated(string uidHash, DateTimeOffset notBefore) =>
        _created.Where(c => c.UidHash == uidHash && c.At >= notBefore).Select(c => (DateTimeOffset?)c.At).Min();

    public void Dispose()
    {
        _watcher.Created -= OnCreated;
        _watcher.Dispose();
    }

    // {cells}/{uidHash}/run/gateway.sock
    private void OnCreated(object sender, FileSystemEventArgs e)
    {
        var at = DateTimeOffset.UtcNow;
        if (e.Name is { } name && Path.GetFileName(name) == SocketName
            && Path.GetDirectoryName(Path.GetDirectoryName(name)) is { Length: > 0 } cell)
        {
            _created.Enqueue((Path.GetFileName(cell), at));
        }
    }
}
