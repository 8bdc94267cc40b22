namespace Jiyul.Hub.Cells;

/// <summary>
/// The container engine behind the cells. Lifecycle and proxy code talk only to this, so that another engine
/// (Kubernetes: a pod and a volume claim per user) can be added without touching them. How the hub reaches a
/// cell's gateway also belongs to the engine: a unix socket on a shared host directory here.
/// </summary>
internal interface ICellRuntime
{
    /// <summary>Resolves an image name to the engine's id for it; null when no such image is here.</summary>
    Task<string?> ResolveImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>The cell of <paramref name="uidHash"/> as the engine sees it now.</summary>
    Task<CellStatus> InspectAsync(string uidHash, CancellationToken cancellationToken);

    /// <summary>Every cell of this hub instance, running or not.</summary>
    Task<IReadOnlyList<CellStatus>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates the cell; an existing one of the same name is inspected and adopted or removed first.</summary>
    Task<CellStatus> CreateAsync(CellSpec spec, CancellationToken cancellationToken);

    /// <summary>Starts the cell; one that already runs is left as it is.</summary>
    Task StartAsync(string uidHash, CancellationToken cancellationToken);

    /// <summary>Stops the cell, letting it drain for up to <paramref name="grace"/>; one already stopped is left as it is.</summary>
    Task StopAsync(string uidHash, TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Removes the cell and waits until it is gone; one already gone is fine.</summary>
    Task RemoveAsync(string uidHash, CancellationToken cancellationToken);

    /// <summary>The last lines the cell wrote, for error messages.</summary>
    Task<string> LogTailAsync(string uidHash, int lines, CancellationToken cancellationToken);

    /// <summary>Memory the running cell uses now, and its limit; null when it does not run.</summary>
    Task<CellMemory?> MemoryAsync(string uidHash, CancellationToken cancellationToken);

    /// <summary>Opens a connection to the cell's gateway.</summary>
    ValueTask<Stream> ConnectAsync(string uidHash, CancellationToken cancellationToken);
}
