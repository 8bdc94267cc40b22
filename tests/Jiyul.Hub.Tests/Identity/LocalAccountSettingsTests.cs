using System.Net;
using Jiyul.Hub.Tests.Infrastructure;
using static Jiyul.Hub.Tests.Identity.AuthClient;

namespace Jiyul.Hub.Tests.Identity;

/// <summary>Tests that need a hub of their own: other settings, or a restart on the same data.</summary>
public sealed class LocalAccountSettingsTests
{
    [Fact]
    public async Task Register_RegistrationDisabled_Returns403ProblemDetailsWithReason()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:LocalAccounts:AllowRegistration"] = "false",
        }).WaitAsync(TestHub.StartTimeout);

        using var response = await RegisterAsync(hub.Client, NewEmail());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await ReadProblemAsync(response);
        Assert.Contains("AllowRegistration", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_LocalAccountsDisabled_Returns404ProblemDetails()
    {
        using var mint = new TokenMint();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:LocalAccounts:Enabled"] = "false",
            ["Identity:Firebase:ProjectId"] = "jiyul-test",
            ["Identity:Jwt:SigningKeysFile"] = mint.JwksFile,
        }).WaitAsync(TestHub.StartTimeout);

        using var register = await RegisterAsync(hub.Client, NewEmail());
        using var login = await LoginAsync(hub.Client, NewEmail());

        Assert.Equal(HttpStatusCode.NotFound, register.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        await ReadProblemAsync(login);
    }

    [Fact]
    public async Task AccessToken_AfterHubRestart_StillAccepted()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            string uid;
            Tokens tokens;
            await using (var first = await TestHub.StartAsync(dataDirectory: data).WaitAsync(TestHub.StartTimeout))
            {
                tokens = await RegisterAndLoginAsync(first.Client, NewEmail());
                using var before = await WhoAmIAsync(first.Client, tokens.AccessToken);
                uid = (await ReadWhoAmIAsync(before)).Uid;
            }

            await using var second = await TestHub.StartAsync(dataDirectory: data).WaitAsync(TestHub.StartTimeout);
            using var after = await WhoAmIAsync(second.Client, tokens.AccessToken);

            Assert.Equal(uid, (await ReadWhoAmIAsync(after)).Uid);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "keys", "dp"), "key-*.xml"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task LocalToken_AfterRestartWithLocalAccountsOff_Returns401()
    {
        using var mint = new TokenMint();
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            Tokens tokens;
            await using (var first = await TestHub.StartAsync(dataDirectory: data).WaitAsync(TestHub.StartTimeout))
            {
                tokens = await RegisterAndLoginAsync(first.Client, NewEmail());
            }

            await using var second = await TestHub.StartAsync(new Dictionary<string, string?>
            {
                ["Identity:LocalAccounts:Enabled"] = "false",
                ["Identity:Firebase:ProjectId"] = "jiyul-test",
                ["Identity:Jwt:SigningKeysFile"] = mint.JwksFile,
            }, dataDirectory: data).WaitAsync(TestHub.StartTimeout);
            using var response = await WhoAmIAsync(second.Client, tokens.AccessToken);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
