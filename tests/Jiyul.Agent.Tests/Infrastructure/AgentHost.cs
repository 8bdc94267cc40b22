using Jiyul.Agent.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Jiyul.Agent.Tests.Infrastructure;

/// <summary>
/// The agent, started in this process on a unix socket of its own, with a workspace, a skills directory and a
/// model socket in a temporary directory. It is the same application the binary runs.
/// </summary>
internal sealed class AgentHost : IAsyncDisposable
{
    public const string Token = "cell-token-for-tests";

    private readonly WebApplication _app;

    private AgentHost(WebApplication app, AgentOptions options, TempDirectory root)
    {
        _app = app;
        Options = options;
        Root = root;
    }

    public AgentOptions Options { get; }

    public TempDirectory Root { get; }

    public static AgentOptions CreateOptions(TempDirectory root) => new(
        Token,
        root.Combine("workspace"),
        root.Combine("skills"),
        root.Combine("gateway.sock"),
        root.Combine("model.sock"),
        "egress-model");

    public static async Task<AgentHost> StartAsync(TempDirectory root, AgentOptions? options = null)
    {
        options ??= CreateOptions(root);
        Directory.CreateDirectory(options.Workspace);
        Directory.CreateDirectory(options.Skills);
        var app = AgentApplication.Build(options, []);
        await app.StartAsync().WaitAsync(TestTimeouts.Default);
        return new AgentHost(app, options, root);
    }

    public HttpClient CreateClient(string? token = Token) => UnixSocketHttp.CreateClient(Options.GatewaySocket, token);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
    }
}
