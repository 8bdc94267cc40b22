using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jiyul.Hub.Tests.Identity;

/// <summary>
/// An OIDC issuer on 127.0.0.1 that serves discovery metadata and a JWKS, so that the hub's ordinary path
/// (fetching keys from the issuer, not from a file) runs without leaving the machine.
/// </summary>
internal sealed class FakeOidcIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _metadataRequests;
    private int _jwksRequests;

    private FakeOidcIssuer(WebApplication app) => _app = app;

    public string Authority { get; private set; } = "";

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<FakeOidcIssuer> StartAsync(string jwksFile)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new FakeOidcIssuer(app);
        var jwks = await File.ReadAllTextAsync(jwksFile).WaitAsync(AuthClient.CallTimeout);

        app.MapGet("/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref issuer._metadataRequests);
            return Results.Json(new Dictionary<string, string>
            {
                ["issuer"] = issuer.Authority,
                ["jwks_uri"] = issuer.Authority + "/jwks",
            });
        });
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref issuer._jwksRequests);
            return Results.Text(jwks, "application/json");
        });

        await app.StartAsync().WaitAsync(AuthClient.CallTimeout);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        issuer.Authority = addresses.Addresses.First().TrimEnd('/');
        return issuer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(AuthClient.CallTimeout);
        await _app.DisposeAsync();
    }
}
