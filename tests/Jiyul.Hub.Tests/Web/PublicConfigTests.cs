using System.Net.Http.Json;
using System.Text.Json;
using Jiyul.Hub.Tests.Identity;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Web;

public sealed class PublicConfigTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Config_DefaultHub_LocalAccountsOnAndNoFirebase()
    {
        await using var hub = await TestHub.StartAsync().WaitAsync(TestHub.StartTimeout);

        var config = await hub.Client.GetFromJsonAsync<JsonElement>("/api/config").WaitAsync(_timeout);

        var signIn = config.GetProperty("signIn");
        Assert.True(signIn.GetProperty("local").GetBoolean());
        Assert.True(signIn.GetProperty("registration").GetBoolean());
        Assert.False(signIn.GetProperty("firebase").GetBoolean());
        Assert.False(signIn.GetProperty("oidc").GetBoolean());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("firebase").ValueKind);
    }

    [Fact]
    public async Task Config_FirebaseWithApiKey_GivesWebConfigAndClosedRegistration()
    {
        using var mint = new TokenMint();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:Firebase:ProjectId"] = "jiyul-web-test",
            ["Identity:Firebase:ApiKey"] = "public-web-key",
            ["Identity:Jwt:SigningKeysFile"] = mint.JwksFile,
            ["Identity:LocalAccounts:AllowRegistration"] = "false",
        }).WaitAsync(TestHub.StartTimeout);

        var config = await hub.Client.GetFromJsonAsync<JsonElement>("/api/config").WaitAsync(_timeout);

        Assert.True(config.GetProperty("signIn").GetProperty("firebase").GetBoolean());
        Assert.False(config.GetProperty("signIn").GetProperty("registration").GetBoolean());
        var firebase = config.GetProperty("firebase");
        Assert.Equal("public-web-key", firebase.GetProperty("apiKey").GetString());
        Assert.Equal("jiyul-web-test", firebase.GetProperty("projectId").GetString());
        Assert.Equal("jiyul-web-test.firebaseapp.com", firebase.GetProperty("authDomain").GetString());
    }

    [Fact]
    public async Task Config_FirebaseWithoutApiKey_HidesGoogleSignIn()
    {
        using var mint = new TokenMint();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:Firebase:ProjectId"] = "jiyul-web-test",
            ["Identity:Jwt:SigningKeysFile"] = mint.JwksFile,
        }).WaitAsync(TestHub.StartTimeout);

        var config = await hub.Client.GetFromJsonAsync<JsonElement>("/api/config").WaitAsync(_timeout);

        Assert.False(config.GetProperty("signIn").GetProperty("firebase").GetBoolean());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("firebase").ValueKind);
    }
}
