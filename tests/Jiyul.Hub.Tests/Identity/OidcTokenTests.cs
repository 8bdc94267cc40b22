using System.Net;
using Jiyul.Hub.Tests.Infrastructure;
using static Jiyul.Hub.Tests.Identity.AuthClient;
using static Jiyul.Hub.Tests.Identity.OidcHubFixture;

namespace Jiyul.Hub.Tests.Identity;

public sealed class OidcTokenTests(OidcHubFixture fixture) : IClassFixture<OidcHubFixture>
{
    private readonly TestHub _hub = fixture.Hub;
    private readonly TokenMint _mint = fixture.Mint;

    [Fact]
    public async Task WhoAmI_ValidOidcToken_ReturnsItsSubAsOidc()
    {
        using var response = await WhoAmIAsync(_hub.Client, _mint.Mint(Authority, Audience, "oidc-user-1"));
        var me = await ReadWhoAmIAsync(response);

        Assert.Equal("oidc:oidc-user-1", me.Uid);
        Assert.Equal("oidc", me.Provider);
    }

    [Fact]
    public async Task WhoAmI_FirebaseTokenBesideOidc_ReturnsFirebase()
    {
        var token = _mint.Mint(FirebaseHubFixture.Issuer, FirebaseHubFixture.ProjectId, "firebase-user-1");

        using var response = await WhoAmIAsync(_hub.Client, token);

        Assert.Equal("firebase", (await ReadWhoAmIAsync(response)).Provider);
    }

    [Fact]
    public async Task WhoAmI_SameSubjectFromFirebaseAndOidc_AreTwoUsers()
    {
        using var fromFirebase = await WhoAmIAsync(_hub.Client,
            _mint.Mint(FirebaseHubFixture.Issuer, FirebaseHubFixture.ProjectId, "shared-subject"));
        using var fromOidc = await WhoAmIAsync(_hub.Client, _mint.Mint(Authority, Audience, "shared-subject"));

        Assert.Equal("shared-subject", (await ReadWhoAmIAsync(fromFirebase)).Uid);
        Assert.Equal("oidc:shared-subject", (await ReadWhoAmIAsync(fromOidc)).Uid);
    }

    [Fact]
    public async Task WhoAmI_OidcIssuerWithFirebaseAudience_Returns401()
    {
        var token = _mint.Mint(Authority, FirebaseHubFixture.ProjectId, "mixed");

        using var response = await WhoAmIAsync(_hub.Client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WhoAmI_OidcSubLongerThan128_Returns401()
    {
        using var response = await WhoAmIAsync(_hub.Client, _mint.Mint(Authority, Audience, new string('x', 129)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WhoAmI_LocalAccountWithEveryMethodOn_ReturnsLocal()
    {
        var tokens = await RegisterAndLoginAsync(_hub.Client, NewEmail());

        using var response = await WhoAmIAsync(_hub.Client, tokens.AccessToken);

        Assert.Equal("local", (await ReadWhoAmIAsync(response)).Provider);
    }
}
