using System.Net;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using static Jiyul.Hub.Tests.Identity.AuthClient;

namespace Jiyul.Hub.Tests.Identity;

/// <summary>The path without a keys file: keys come from the issuer's published metadata.</summary>
public sealed class IssuerMetadataTests
{
    [Fact]
    public async Task WhoAmI_OidcIssuerOnLoopback_VerifiesWithKeysFromItsMetadata()
    {
        using var mint = new TokenMint();
        await using var issuer = await FakeOidcIssuer.StartAsync(mint.JwksFile);
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:Oidc:Authority"] = issuer.Authority,
            ["Identity:Oidc:Audience"] = "jiyul-hub",
        }).WaitAsync(TestHub.StartTimeout);

        using var good = await WhoAmIAsync(hub.Client, mint.Mint(issuer.Authority, "jiyul-hub", "from-metadata"));
        var forged = mint.Mint(issuer.Authority, "jiyul-hub", "victim", credentials: mint.ForgedCredentials());
        using var bad = await WhoAmIAsync(hub.Client, forged);

        var me = await ReadWhoAmIAsync(good);
        Assert.Equal("oidc:from-metadata", me.Uid);
        Assert.Equal("oidc", me.Provider);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.True(issuer.MetadataRequests > 0, "the hub should have fetched the issuer's metadata");
        Assert.True(issuer.JwksRequests > 0, "the hub should have fetched the issuer's keys");
    }

    [Fact]
    public async Task JwtBearerOptions_FirebaseWithoutKeysFile_TrustsGoogleAsSpecified()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:Firebase:ProjectId"] = "jiyul-test",
        }).WaitAsync(TestHub.StartTimeout);

        var options = hub.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get("Firebase");
        var parameters = options.TokenValidationParameters;

        Assert.Equal("https://securetoken.google.com/jiyul-test", options.Authority);
        Assert.True(options.RequireHttpsMetadata);
        Assert.IsType<ConfigurationManager<OpenIdConnectConfiguration>>(options.ConfigurationManager);
        Assert.False(options.MapInboundClaims);
        Assert.Equal("https://securetoken.google.com/jiyul-test", parameters.ValidIssuer);
        Assert.Equal("jiyul-test", parameters.ValidAudience);
        Assert.Equal(["RS256"], parameters.ValidAlgorithms);
        Assert.True(parameters.RequireExpirationTime);
        Assert.True(parameters.RequireSignedTokens);
        Assert.True(parameters.ValidateLifetime);
        Assert.Equal(TimeSpan.FromMinutes(1), parameters.ClockSkew);
    }

    [Fact]
    public async Task WhoAmI_UnverifiedEmail_IsNotReported()
    {
        using var mint = new TokenMint();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:Firebase:ProjectId"] = FirebaseHubFixture.ProjectId,
            ["Identity:Jwt:SigningKeysFile"] = mint.JwksFile,
        }).WaitAsync(TestHub.StartTimeout);
        var claims = new Dictionary<string, object> { ["email"] = "claimed@example.test", ["email_verified"] = false };

        var token = mint.Mint(FirebaseHubFixture.Issuer, FirebaseHubFixture.ProjectId, "unverified", claims: claims);

        using var response = await WhoAmIAsync(hub.Client, token);

        Assert.Null((await ReadWhoAmIAsync(response)).Email);
    }
}
