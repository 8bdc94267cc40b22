using Jiyul.Hub.Hosting;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Tests.Hosting;

public sealed class ForwardedHeadersValidationTests
{
    private readonly ForwardedHeadersSettingsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new ForwardedHeadersSettings()).Succeeded);
    }

    [Fact]
    public void Validate_NamedProxiesAndNetworks_Succeeds()
    {
        var settings = new ForwardedHeadersSettings
        {
            KnownProxies = ["10.0.0.5", "::1"],
            KnownNetworks = ["172.16.0.0/12", "fd00::/8"],
            ForwardLimit = 2,
        };

        Assert.True(_validator.Validate(null, settings).Succeeded);
    }

    [Fact]
    public void Validate_EveryKindOfMistake_ListsEachOne()
    {
        var settings = new ForwardedHeadersSettings
        {
            KnownProxies = ["proxy.example.com", "0.0.0.0", "::"],
            KnownNetworks = ["10.0.0.0", "0.0.0.0/0", "::/0"],
            ForwardLimit = 0,
        };

        var result = _validator.Validate(null, settings);

        string[] expected =
        [
            "ForwardedHeaders:KnownProxies has 'proxy.example.com', which is not an IP address.",
            "ForwardedHeaders:KnownProxies has '0.0.0.0': an unspecified address",
            "ForwardedHeaders:KnownProxies has '::': an unspecified address",
            "ForwardedHeaders:KnownNetworks has '10.0.0.0', which is not a network in CIDR form",
            "ForwardedHeaders:KnownNetworks has '0.0.0.0/0', which holds every address",
            "ForwardedHeaders:KnownNetworks has '::/0', which holds every address",
            "ForwardedHeaders:ForwardLimit is 0; it must be between 1 and 10.",
        ];
        Assert.All(expected, e => Assert.Contains(e, result.FailureMessage, StringComparison.Ordinal));
        Assert.Equal(expected.Length, result.Failures!.Count());
    }

    [Fact]
    public async Task StartAsync_TrustingEveryAddress_IsRefused()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var thrown = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHub.StartAsync(
                new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "0.0.0.0/0" },
                dataDirectory: data)).WaitAsync(TestHub.StartTimeout);

            Assert.Contains("ForwardedHeaders:KnownNetworks has '0.0.0.0/0'", thrown.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
