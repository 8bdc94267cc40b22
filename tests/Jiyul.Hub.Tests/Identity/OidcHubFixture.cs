using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Identity;

/// <summary>
/// A hub with every sign-in method on at once: local accounts, Firebase and an OIDC issuer, all tokens from one JWKS.
/// </summary>
public sealed class OidcHubFixture : IAsyncLifetime
{
    public const string Authority = "https://issuer.example.test/realms/jiyul";

    public const string Audience = "jiyul-hub";

    internal TokenMint Mint { get; } = new();

    internal TestHub Hub { get; private set; } = null!;

    public async Task InitializeAsync() => Hub = await TestHub.StartAsync(new Dictionary<string, string?>
    {
        ["Identity:Firebase:ProjectId"] = FirebaseHubFixture.ProjectId,
        ["Identity:Oidc:Authority"] = Authority,
        ["Identity:Oidc:Audience"] = Audience,
        ["Identity:Jwt:SigningKeysFile"] = Mint.JwksFile,
    }).WaitAsync(TestHub.StartTimeout);

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync().AsTask().WaitAsync(TestHub.StartTimeout);
        Mint.Dispose();
    }
}
