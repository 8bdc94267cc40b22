using System.Net.Sockets;
using System.Text;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Hosting;
using Jiyul.Hub.Knowledge;
using Jiyul.Hub.Limits;
using Jiyul.Hub.Telemetry;
using Jiyul.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Models;

/// <summary>
/// Serves the model socket with a web application of its own inside the hub process. Being separate is the point:
/// nothing of the hub's API is reachable through the socket every cell can connect to, and no model endpoint is
/// reachable on the hub's TCP port. The two share only the singletons passed in here.
/// </summary>
internal sealed class ModelEgressServer(
    HubPaths paths,
    IOptions<ModelsOptions> options,
    IModelProvider provider,
    CellTokens tokens,
    IModelUsageSink usage,
    HubMetrics metrics,
    TokenBudget budget,
    TimeProvider time,
    LiveKnowledgeIndex knowledge,
    IOptions<KnowledgeOptions> knowledgeOptions,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    // sun_path holds 108 bytes with the terminating zero.
    private const int MaxSocketPathBytes = 107;

    // The directory is mounted read-only into cells, which run as another user and must be able to look inside.
    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    // Connecting to a unix socket needs write permission on it. Anyone may connect; only a cell token gets an answer.
    private const UnixFileMode SocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private readonly ILogger _logger = loggerFactory.CreateLogger<ModelEgressServer>();
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var socket = paths.ModelSocket;
        if (Encoding.UTF8.GetByteCount(socket) > MaxSocketPathBytes)
        {
            throw new InvalidOperationException(
                $"The model socket path {socket} is {Encoding.UTF8.GetByteCount(socket)} bytes; " +
                $"a unix socket path may have at most {MaxSocketPathBytes}. Choose a shorter Hub:DataDirectory.");
        }

        Directory.CreateDirectory(paths.ModelDirectory);
        new DirectoryInfo(paths.ModelDirectory).UnixFileMode = DirectoryMode;
        await RemoveStaleSocketAsync(socket, cancellationToken);

        var app = Build(socket);
        var started = false;
        try
        {
            await app.StartAsync(cancellationToken);
            File.SetUnixFileMode(socket, SocketMode);
            started = true;
        }
        finally
        {
            if (!started)
            {
                await app.DisposeAsync();
            }
        }

        _app = app;
        Log.EgressListening(_logger, socket, provider.Name, provider.Model);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync(cancellationToken);
        File.Delete(paths.ModelSocket);
        Log.EgressStopped(_logger, paths.ModelSocket);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private WebApplication Build(string socket)
    {
        var builder = WebApplication.CreateEmptyBuilder(new() { ContentRootPath = paths.ModelDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(socket);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBytes;
        });

        var services = builder.Services;
        services.AddRoutingCore();
        services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();

        // The hub's own instances: one logging pipeline, one set of providers, one token key, one usage record,
        // one set of metrics, one budget, one knowledge index.
        services.AddSingleton(loggerFactory);
        services.AddSingleton(provider);
        services.AddSingleton(tokens);
        services.AddSingleton(usage);
        services.AddSingleton(metrics);
        services.AddSingleton(budget);
        services.AddSingleton(time);
        services.AddSingleton(knowledge);
        services.AddSingleton(knowledgeOptions);
        services.AddSingleton<ModelEgressEndpoints>();

        var app = builder.Build();
        ModelEgressEndpoints.Map(app);
        return app;
    }

    private async Task RemoveStaleSocketAsync(string socket, CancellationToken cancellationToken)
    {
        if (!File.Exists(socket))
        {
            return;
        }

        // A socket file outlives a hub that crashed. One that still answers belongs to a live hub: not to be cut off.
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
        }
        catch (SocketException)
        {
            File.Delete(socket);
            Log.StaleSocketRemoved(_logger, socket);
            return;
        }

        throw new InvalidOperationException(
            $"{socket} is served by another process; is a second hub running on the same data directory?");
    }
}
