using System.Net;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using static Jiyul.Hub.Tests.Identity.AuthClient;
using static Jiyul.Hub.Tests.Identity.FirebaseHubFixture;

namespace Jiyul.Hub.Tests.Identity;

public sealed class FirebaseTokenTests(FirebaseHubFixture fixture) : IClassFixture<FirebaseHubFixture>
{
    private readonly TestHub _hub = fixture.Hub;
    private readonly TokenMint _mint = fixture.Mint;

    [Fact]
    public async Task WhoAmI_ValidFirebaseToken_ReturnsItsSub()
    {
        var sub = "fb" + Guid.NewGuid().ToString("N")[..26];
        var claims = new Dictionary<string, object> { ["email"] = "fb@example.test" };
        var token = _mint.Mint(Issuer, ProjectId, sub, claims: claims);

        using var response = await WhoAmIAsync(_hub.Client, token);
        var me = await ReadWhoAmIAsync(response);

        Assert.Equal(sub, me.Uid);
        Assert.Equal("fb@example.test", me.Email);
        Assert.Equal("firebase", me.Provider);
    }

    [Fact]
    public async Task WhoAmI_SubOf128Characters_Accepted()
    {
        var sub = new string('a', 128);

        using var response = await WhoAmIAsync(_hub.Client, _mint.Mint(Issuer, ProjectId, sub));

        Assert.Equal(sub, (await ReadWhoAmIAsync(response)).Uid);
    }

    [Fact]
    public async Task WhoAmI_LocalAccountBesideFirebase_StillWorks()
    {
        var tokens = await RegisterAndLoginAsync(_hub.Client, NewEmail());

        using var response = await WhoAmIAsync(_hub.Client, tokens.AccessToken);

        Assert.Equal("local", (await ReadWhoAmIAsync(response)).Provider);
    }

    [Fact]
    public async Task WhoAmI_ClaimNamedLikeNameIdentifier_DoesNotReplaceSub()
    {
        // A claim under the long name that local accounts use for their id.
        var claims = new Dictionary<string, object>
        {
            ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"] = "someone-else",
        };

        var token = _mint.Mint(Issuer, ProjectId, "the-real-sub", claims: claims);

        using var response = await WhoAmIAsync(_hub.Client, token);

        Assert.Equal("the-real-sub", (await ReadWhoAmIAsync(response)).Uid);
    }

    [Fact]
    public async Task WhoAmI_SignedWithAnotherKey_Returns401()
    {
        await AssertRejectedAsync(_mint.Mint(Issuer, ProjectId, "victim", credentials: _mint.ForgedCredentials()));
    }

    [Fact]
    public async Task WhoAmI_ExpiredToken_Returns401()
    {
        // Well past the one-minute clock skew.
        await AssertRejectedAsync(_mint.Mint(Issuer, ProjectId, "expired", expires: DateTime.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task WhoAmI_WrongAudience_Returns401()
    {
        await AssertRejectedAsync(_mint.Mint(Issuer, "another-project", "someone"));
    }

    [Fact]
    public async Task WhoAmI_WrongIssuer_Returns401()
    {
        await AssertRejectedAsync(_mint.Mint("https://securetoken.google.com/another-project", ProjectId, "someone"));
    }

    [Fact]
    public async Task WhoAmI_UnsignedAlgNone_Returns401()
    {
        await AssertRejectedAsync(TokenMint.Unsigned(Issuer, ProjectId, "someone"));
    }

    [Fact]
    public async Task WhoAmI_Hs256SignedWithPublicKeyBytes_Returns401()
    {
        var confused = new SigningCredentials(
            new SymmetricSecurityKey(_mint.PublicKeyBytes) { KeyId = _mint.KeyId }, SecurityAlgorithms.HmacSha256);

        await AssertRejectedAsync(_mint.Mint(Issuer, ProjectId, "someone", credentials: confused));
    }

    [Fact]
    public async Task WhoAmI_EmptySub_Returns401()
    {
        await AssertRejectedAsync(_mint.Mint(Issuer, ProjectId, ""));
    }

    [Fact]
    public async Task WhoAmI_NoSub_Returns401()
    {
        await AssertRejectedAsync(_mint.Mint(Issuer, ProjectId, subject: null));
    }

    [Fact]
    public async Task WhoAmI_SubLongerThan128_Returns401()
    {
        await AssertRejectedAsync(_mint.Mint(Issuer, ProjectId, new string('a', 129)));
    }

    [Fact]
    public async Task WhoAmI_IssuedInTheFuture_Returns401()
    {
        var tenMinutesAhead = DateTime.UtcNow.AddMinutes(10);

        await AssertRejectedAsync(_mint.Mint(Issuer, ProjectId, "time-traveller", issuedAt: tenMinutesAhead));
    }

    private async Task AssertRejectedAsync(string token)
    {
        using var response = await WhoAmIAsync(_hub.Client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }
}
