using Jiyul.Agent.Hosting;
using Jiyul.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Jiyul.Agent.Tests;

public sealed class AgentApplicationTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Build_Always_HasNoConfigurationSourceThatReloads()
    {
        await using var app = AgentApplication.Build(AgentHost.CreateOptions(_root), []);

        // A reloading file source is a file watcher, and a watcher is one of the uid's 128 inotify instances.
        var providers = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToArray();

        Assert.All(providers, provider => Assert.False(provider.Source.ReloadOnChange, provider.Source.Path));
    }

    [Fact]
    public async Task Start_StaleSocketFileLeftBehind_ReplacesIt()
    {
        var options = AgentHost.CreateOptions(_root);
        await File.WriteAllTextAsync(options.GatewaySocket, "left by an earlier run").WaitAsync(TestTimeouts.Default);

        await using var agent = await AgentHost.StartAsync(_root, options);
        using var client = agent.CreateClient(token: null);
        using var response = await client.GetAsync("/readyz").WaitAsync(TestTimeouts.Default);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
