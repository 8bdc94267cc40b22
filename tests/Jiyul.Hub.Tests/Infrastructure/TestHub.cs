using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jiyul.Hub.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Jiyul.Hub.Tests.Infrastructure;

/// <summary>
/// A real hub on real Kestrel (127.0.0.1, a free port), with its own data directory and its own
/// <c>jiyul.instance</c> label, so that tests never see each other's users, files or containers.
/// </summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsData;

    private TestHub(WebApplication app, string dataDirectory, string instance, bool ownsData)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Instance = instance;
        _ownsData = ownsData;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static TimeSpan StartTimeout { get; } = TimeSpan.FromSeconds(60);

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public string Instance { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a hub. Pass <paramref name="dataDirectory"/> and <paramref name="instance"/> of an earlier hub
    /// to start it again on the same state (as a restart would); that hub's data is then left to its first owner.
    /// </summary>
    public static async Task<TestHub> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string? dataDirectory = null,
        string? instance = null)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        instance ??= "test-" + Guid.NewGuid().ToString("N")[..12];

        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--environment", "Testing",
            // Host settings such as the content root can only be given before the builder exists, so as arguments.
            "--contentRoot", RepositoryRoot.Path,
            $"--Hub:DataDirectory={dataDirectory}",
            $"--Hub:PackDirectory={RepositoryRoot.Combine("packs", "legal-tax-ko")}",
            $"--Cells:Instance={instance}",
            "--Logging:LogLevel:Default=Warning",
            // Every test signs in from 127.0.0.1, many times a minute through shared fixtures; the per-address limit is
            // off unless a test sets it (a later argument wins).
            "--Limits:SignInsPerMinute=0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            args.Add($"--{key}={value}");
        }

        var app = HubApplication.Create([.. args], builder => services?.Invoke(builder.Services));

        await app.StartAsync().WaitAsync(StartTimeout);
        return new TestHub(app, dataDirectory, instance, ownsData);
    }

    /// <summary>Registers a local account and signs in; answers a client that carries its bearer token.</summary>
    public async Task<(HttpClient Client, string Uid)> SignUpAsync(string? email = null)
    {
        email ??= $"u{Guid.NewGuid():N}@example.test";
        const string password = "Correct-horse-9-battery";

        var register = await Client.PostAsJsonAsync("/api/auth/register", new { email, password }).WaitAsync(TimeSpan.FromSeconds(30));
        register.EnsureSuccessStatusCode();
        var login = await Client.PostAsJsonAsync("/api/auth/login", new { email, password }).WaitAsync(TimeSpan.FromSeconds(30));
        login.EnsureSuccessStatusCode();
        var tokens = await login.Content.ReadFromJsonAsync<LoginAnswer>().WaitAsync(TimeSpan.FromSeconds(30));

        // Each test bounds its own awaits; the client's cap is a backstop above the longest cell start (OpenClaw's
        // start timeout is 120 s, and a busy machine gets close to it).
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(180) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        var me = await client.GetFromJsonAsync<WhoAmI>("/api/auth/whoami").WaitAsync(TimeSpan.FromSeconds(30));
        return (client, me!.Uid);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _app.DisposeAsync();
        if (_ownsData)
        {
            await DockerCleanup.RemoveInstanceAsync(Instance);
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A cell may still hold a file for a moment after removal; the temp directory is cleaned by the OS.
            }
        }
    }

    private sealed record LoginAnswer(string AccessToken, string RefreshToken, long ExpiresIn);

    private sealed record WhoAmI(string Uid);
}
