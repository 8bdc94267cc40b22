using System.Net;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Jiyul.Hub.Tests.Identity.AuthClient;

namespace Jiyul.Hub.Tests.Hosting;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto on a real hub: the test client connects from 127.0.0.1, which is a trusted
/// proxy by default; naming another proxy makes the same client an untrusted one.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string ClientA = "203.0.113.7";
    private const string ClientB = "203.0.113.8";
    private const string SomeOtherProxy = "192.0.2.10";

    [Fact]
    public async Task Request_FromLoopbackByDefault_TakesTheForwardedClientAndScheme()
    {
        var seen = new SeenRequests();
        await using var hub = await TestHub.StartAsync(services: seen.Register);

        await SendHealthAsync(hub.Client, $"198.51.100.1, {ClientA}", "https");

        // One proxy is trusted (ForwardLimit 1): the address it added, the last one, is the client's.
        Assert.Equal((ClientA, "https"), seen.Last);
    }

    [Fact]
    public async Task Request_FromAnUntrustedAddress_IgnoresTheHeaders()
    {
        var seen = new SeenRequests();
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = SomeOtherProxy }, seen.Register);

        await SendHealthAsync(hub.Client, ClientA, "https");

        Assert.Equal(("127.0.0.1", "http"), seen.Last);
    }

    [Fact]
    public async Task Request_FromATrustedNetwork_TakesTheForwardedClient()
    {
        var seen = new SeenRequests();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = SomeOtherProxy,
            ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8",
        }, seen.Register);

        await SendHealthAsync(hub.Client, ClientA, "https");

        Assert.Equal((ClientA, "https"), seen.Last);
    }

    [Fact]
    public async Task Request_ForwardedHeadersDisabled_IgnoresTheHeadersEvenFromLoopback()
    {
        var seen = new SeenRequests();
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?> { ["ForwardedHeaders:Enabled"] = "false" }, seen.Register);

        await SendHealthAsync(hub.Client, ClientA, "https");

        Assert.Equal(("127.0.0.1", "http"), seen.Last);
    }

    [Fact]
    public async Task SignIn_FromATrustedProxy_IsLimitedPerForwardedClient()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Limits:SignInsPerMinute"] = "2" });

        using var first = await LoginFromAsync(hub.Client, ClientA);
        using var second = await LoginFromAsync(hub.Client, ClientA);
        using var third = await LoginFromAsync(hub.Client, ClientA);
        using var otherClient = await LoginFromAsync(hub.Client, ClientB);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter?.Delta);
        Assert.Contains("sign-in attempts from this address", (await ReadProblemAsync(third)).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherClient.StatusCode);
    }

    [Fact]
    public async Task SignIn_FromAnUntrustedAddress_IsLimitedPerConnectionWhateverTheHeaderClaims()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Limits:SignInsPerMinute"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = SomeOtherProxy,
        });

        using var first = await LoginFromAsync(hub.Client, ClientA);
        using var second = await LoginFromAsync(hub.Client, ClientA);
        using var claimsAnotherAddress = await LoginFromAsync(hub.Client, ClientB);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, claimsAnotherAddress.StatusCode);
    }

    [Fact]
    public async Task Register_PastSignInsPerMinute_IsLimitedToo()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Limits:SignInsPerMinute"] = "1" });

        using var first = await RegisterAsync(hub.Client, NewEmail());
        using var second = await RegisterAsync(hub.Client, NewEmail());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    private static async Task SendHealthAsync(HttpClient client, string forwardedFor, string forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await client.SendAsync(request).WaitAsync(CallTimeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> LoginFromAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = NewEmail(), password = Password }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request).WaitAsync(CallTimeout);
    }

    /// <summary>
    /// Records the client address and scheme each request ended with. The recording middleware runs outside the
    /// hub's pipeline and reads the context as the response starts, after the forwarded headers middleware had its say.
    /// </summary>
    private sealed class SeenRequests : IStartupFilter
    {
        private readonly Lock _gate = new();
        private (string Address, string Scheme) _last;

        public (string Address, string Scheme) Last
        {
            get
            {
                lock (_gate)
                {
                    return _last;
                }
            }
        }

        public void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) =>
            {
                context.Response.OnStarting(() =>
                {
                    lock (_gate)
                    {
                        _last = (context.Connection.RemoteIpAddress?.ToString() ?? "", context.Request.Scheme);
                    }

                    return Task.CompletedTask;
                });
                return inner(context);
            });
            next(app);
        };
    }
}
