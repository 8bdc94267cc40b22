using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jiyul.Hub.Cells;
using Jiyul.Hub.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jiyul.Bench.Hosting;

/// <summary>
/// The real hub, built by <see cref="HubApplication.Create"/> and served by Kestrel on 127.0.0.1 (a free port) inside
/// this process, with a data directory and a <c>jiyul.instance</c> label of its own so that it touches no other
/// hub's users or containers. Its client keeps enough connections open for every concurrent client of the bench.
/// </summary>
internal sealed class BenchHub : IAsyncDisposable
{
    private const string Password = "Bench-horse-7-staple";
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;

    private BenchHub(WebApplication app, string dataDirectory, string instance)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Instance = instance;

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var address = addresses?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The hub started but reports no address.");
        BaseAddress = new Uri(address);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 512,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };

        // Longer than the agent's start timeout (20 s), so that a slow start is reported by the hub, not cut here.
        Client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri BaseAddress { get; }

    /// <summary>Carries no credentials; every request sets its own bearer token.</summary>
    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public string Instance { get; }

    public static async Task<BenchHub> StartAsync(
        string repositoryRoot,
        string dataDirectory,
        string instance,
        CancellationToken cancellationToken,
        string runtime = "agent",
        IReadOnlyDictionary<string, string>? settings = null)
    {
        List<string> args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--contentRoot", repositoryRoot,
            $"--Hub:DataDirectory={dataDirectory}",
            $"--Hub:PackDirectory={Path.Combine(repositoryRoot, "packs", "legal-tax-ko")}",
            $"--Cells:Instance={instance}",
            $"--Cells:Runtime={runtime}",
            "--Logging:LogLevel:Default=Warning",

            // The upload phase sends more files in a minute than a person would, and every user signs up from one address.
            "--Limits:UploadsPerMinute=0",
            "--Limits:SignInsPerMinute=0",
        ];
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));

        var app = HubApplication.Create(
            [.. args], builder => builder.Services.AddSingleton<IHostLifetime, QuietLifetime>());
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            await app.DisposeAsync();
            throw;
        }

        return new BenchHub(app, dataDirectory, instance);
    }

    /// <summary>The cell token the hub presents to this user's cell; the direct baseline presents the same.</summary>
    public string CellToken(BenchUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _app.Services.GetRequiredService<CellTokens>().Issue(user.UidHash);
    }

    /// <summary>The hub's own services, for a phase that fills its store directly.</summary>
    public IServiceProvider Services => _app.Services;

    public string GatewaySocket(BenchUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _app.Services.GetRequiredService<HubPaths>().GatewaySocket(user.UidHash);
    }

    /// <summary>Registers a local account, signs in, and asks who it is, as a client of the hub would.</summary>
    public async Task<BenchUser> SignUpAsync(CancellationToken cancellationToken)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        var credentials = new { email, password = Password };

        using (var register = await Client.PostAsJsonAsync("/api/auth/register", credentials, cancellationToken))
        {
            await EnsureSucceededAsync(register, "register", cancellationToken);
        }

        string accessToken;
        using (var login = await Client.PostAsJsonAsync("/api/auth/login", credentials, cancellationToken))
        {
            await EnsureSucceededAsync(login, "login", cancellationToken);
            accessToken = await ReadStringAsync(login, "accessToken", cancellationToken);
        }

        using var whoami = new HttpRequestMessage(HttpMethod.Get, "/api/auth/whoami");
        whoami.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var me = await Client.SendAsync(whoami, cancellationToken);
        await EnsureSucceededAsync(me, "whoami", cancellationToken);
        var uid = await ReadStringAsync(me, "uid", cancellationToken);

        return new BenchUser(uid, UidHash.Of(uid), accessToken);
    }

    /// <summary><c>POST /ensure</c> for the user; answers once the hub does.</summary>
    public Task<HttpAnswer> EnsureAsync(BenchUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SendAsync(HttpMethod.Post, "/ensure", user.AccessToken, cancellationToken);
    }

    /// <summary>A request with no body, with the bearer token when one is given.</summary>
    public async Task<HttpAnswer> SendAsync(
        HttpMethod method,
        string path,
        string? bearerToken,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        using var response = await Client.SendAsync(request, cancellationToken);
        return await HttpAnswer.ReadAsync(response, cancellationToken);
    }

    /// <summary>The path under which the hub forwards this user's <c>/v1/…</c> requests into the user's cell.</summary>
    public static string ProxyPath(BenchUser user, string rest)
    {
        ArgumentNullException.ThrowIfNull(user);
        return "/proxy/" + Uri.EscapeDataString(user.Uid) + "/v1/" + rest;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using (var timeout = new CancellationTokenSource(s_stopTimeout))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // A graceful stop that overran is cut short by the disposal below; the run goes on to its clean-up.
            }
        }

        await _app.DisposeAsync();
    }

    private static async Task EnsureSucceededAsync(
        HttpResponseMessage response,
        string step,
        CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var answer = await HttpAnswer.ReadAsync(response, cancellationToken);
            throw new InvalidOperationException($"Signing up failed at {step}: {answer.Status} {answer.Problem}");
        }
    }

    private static async Task<string> ReadStringAsync(
        HttpResponseMessage response,
        string property,
        CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return json.RootElement.TryGetProperty(property, out var value) && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"The hub's answer has no '{property}'.");
    }
}
