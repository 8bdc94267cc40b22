using Docker.DotNet;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Cells.Docker;

/// <summary>
/// Owns the Docker Engine API client. The engine's API version is asked once, on first use, and every later
/// request names it, so the hub works against Debian's Engine 20.10 (API 1.41) as well as newer engines.
/// </summary>
internal sealed partial class DockerEngine(IOptions<CellsOptions> options, ILogger<DockerEngine> logger) : IDisposable
{
    // The newest API whose request shapes this hub has been tested with; newer engines accept older versions.
    private static readonly Version s_newestTested = new(1, 47);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DockerClient? _client;

    public async ValueTask<DockerClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_client is null)
            {
                var endpoint = new Uri(options.Value.DockerEndpoint);
                using var probe = new DockerClientBuilder().WithEndpoint(endpoint).Build();
                var version = await probe.System.GetVersionAsync(cancellationToken);
                var engineApi = Version.Parse(version.APIVersion);
                var api = engineApi < s_newestTested ? engineApi : s_newestTested;
                Log.EngineConnected(logger, version.Version, version.APIVersion, api.ToString());
                _client = new DockerClientBuilder().WithEndpoint(endpoint).WithApiVersion(api).Build();
            }

            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _gate.Dispose();
    }
}
