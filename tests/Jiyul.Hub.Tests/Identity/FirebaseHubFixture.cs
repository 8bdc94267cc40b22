using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Identity;

/// <summary>
/// A hub that takes Firebase ID tokens of project <see cref="ProjectId"/>, verified with a local JWKS.
/// </summary>
public sealed class FirebaseHubFixture : IAsyncLifetime
{
    public const string ProjectId = "jiyul-test";

    public const string Issuer = "https://securetoken.google.com/" + ProjectId;

    internal TokenMint Mint { get; } = new();

    internal TestHub Hub { get; private set; } = null!;

    public async Task InitializeAsync() => Hub = await TestHub.StartAsync(new Dictionary<string, string?>
    {
        ["Identity:Firebase:ProjectId"] = ProjectId,
        ["Identity:Jwt:SigningKeysFile"] = Mint.JwksFile,
    }).WaitAsync(TestHub.StartTimeout);

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync().AsTask().WaitAsync(TestHub.StartTimeout);
        Mint.Dispose();
    }
}
