using Jiyul.Hub.Identity;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Tests.Identity;

public sealed class IdentityOptionsValidationTests
{
    private readonly HubIdentityOptionsValidator _validator =
        new(new HostingEnvironment { ContentRootPath = Path.GetTempPath() });

    [Fact]
    public async Task StartAsync_ManyBadSettings_ThrowsListingEveryProblem()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Identity:LocalAccounts:AccessTokenLifetime"] = "00:00:00",
                ["Identity:Firebase:ProjectId"] = "Bad_Project!",
                ["Identity:Oidc:Authority"] = "http://issuer.example.com",
                ["Identity:Oidc:ValidAlgorithms:0"] = "HS256",
                ["Identity:Jwt:SigningKeysFile"] = "/nonexistent/jwks.json",
                ["Identity:Jwt:ClockSkew"] = "00:30:00",
            };

            var thrown = await Assert.ThrowsAsync<OptionsValidationException>(
                () => TestHub.StartAsync(settings, dataDirectory: data)).WaitAsync(TestHub.StartTimeout);

            string[] expected =
            [
                "Identity:LocalAccounts:AccessTokenLifetime is 00:00:00",
                "Identity:Firebase:ProjectId 'Bad_Project!'",
                "Identity:Oidc:Authority 'http://issuer.example.com' must use https",
                "Identity:Oidc:Audience is empty",
                "Identity:Oidc:ValidAlgorithms holds 'HS256'",
                "Identity:Jwt:SigningKeysFile '/nonexistent/jwks.json' cannot be read",
                "Identity:Jwt:ClockSkew is 00:30:00",
            ];
            Assert.All(expected, problem => Assert.Contains(problem, thrown.Message, StringComparison.Ordinal));
            Assert.Equal(expected.Length, thrown.Failures.Count());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_NoSignInMethod_ThrowsSayingSo()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Identity:LocalAccounts:Enabled"] = "false" };

            var thrown = await Assert.ThrowsAsync<OptionsValidationException>(
                () => TestHub.StartAsync(settings, dataDirectory: data)).WaitAsync(TestHub.StartTimeout);

            Assert.Contains("No sign-in method is on", thrown.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new HubIdentityOptions()).Succeeded);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/realms/dev")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://login.example.com/tenant/v2.0")]
    public void Validate_HttpsOrLoopbackAuthority_Succeeds(string authority)
    {
        var options = new HubIdentityOptions { Oidc = new OidcOptions { Authority = authority, Audience = "api" } };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("issuer.example.com", "is not an absolute URI")]
    [InlineData("http://10.0.0.5/realm", "must use https")]
    [InlineData("https://issuer.example.com/?tenant=1", "must not carry a query")]
    public void Validate_BadAuthority_Fails(string authority, string expected)
    {
        var options = new HubIdentityOptions { Oidc = new OidcOptions { Authority = authority, Audience = "api" } };

        var result = _validator.Validate(null, options);

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-case-project")]
    [InlineData("ends-with-hyphen-")]
    [InlineData("1starts-with-digit")]
    [InlineData("has/slash")]
    public void Validate_IllegalFirebaseProjectId_Fails(string projectId)
    {
        var options = new HubIdentityOptions { Firebase = new FirebaseOptions { ProjectId = projectId } };

        var result = _validator.Validate(null, options);

        Assert.Contains($"Identity:Firebase:ProjectId '{projectId}'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "is not a JSON Web Key Set")]
    [InlineData("{\"keys\":[]}", "holds no usable RSA or EC signing key")]
    [InlineData("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}]}", "symmetric")]
    public void Validate_UnusableSigningKeysFile_Fails(string content, string expected)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("jiyul-jwks-").FullName, "jwks.json");
        File.WriteAllText(file, content);
        try
        {
            var options = new HubIdentityOptions
            {
                Firebase = new FirebaseOptions { ProjectId = "jiyul-test" },
                Jwt = new JwtOptions { SigningKeysFile = file },
            };

            var result = _validator.Validate(null, options);

            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void Validate_SigningKeysFileWithoutJwtProvider_Fails()
    {
        using var mint = new TokenMint();
        var options = new HubIdentityOptions { Jwt = new JwtOptions { SigningKeysFile = mint.JwksFile } };

        var result = _validator.Validate(null, options);

        Assert.Contains("the keys would verify nothing", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OidcAudienceWithoutAuthority_Fails()
    {
        var options = new HubIdentityOptions { Oidc = new OidcOptions { Audience = "api" } };

        var result = _validator.Validate(null, options);

        const string expected = "Identity:Oidc:Audience is set but Identity:Oidc:Authority is not";
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }
}
