using Jiyul.Hub.Hosting;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Tests.Hosting;

/// <summary>
/// A hub that other machines can reach refuses settings that are only safe on this machine, unless told otherwise.
/// The hubs that do start here listen on every address but are never dialled there: only the start is checked.
/// </summary>
public sealed class ExposureTests
{
    private const string Everywhere = "http://0.0.0.0:0";

    [Theory]
    [InlineData("http://127.0.0.1:19200", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://127.0.0.2:443/", true)]
    [InlineData("http://unix:/run/jiyul/hub.sock", true)]
    [InlineData("http://0.0.0.0:19200", false)]
    [InlineData("http://[::]:19200", false)]
    [InlineData("http://*:19200", false)]
    [InlineData("http://+:19200", false)]
    [InlineData("http://192.168.1.20:19200", false)]
    [InlineData("http://hub.example.com:80", false)]
    public void IsLocalOnly_ListenUrl_TellsLoopbackFromPublic(string url, bool localOnly)
    {
        Assert.Equal(localOnly, ListenAddresses.IsLocalOnly(url));
    }

    [Fact]
    public void From_KestrelEndpoints_TakePrecedenceOverUrls()
    {
        var configuration = Configuration(new()
        {
            ["urls"] = "http://127.0.0.1:19200",
            ["Kestrel:Endpoints:Public:Url"] = "https://0.0.0.0:443",
        });

        Assert.Equal(["https://0.0.0.0:443"], ListenAddresses.From(configuration));
    }

    [Fact]
    public void From_PortsOnly_ListenEverywhere()
    {
        var configuration = Configuration(new() { ["http_ports"] = "8080" });

        Assert.Equal(["http://*:8080"], ListenAddresses.From(configuration));
        Assert.Equal([HubApplication.DefaultUrl], ListenAddresses.From(Configuration(new())));
    }

    [Fact]
    public void Validate_HttpsOnAPublicAddressWithRegistrationClosed_Succeeds()
    {
        var validator = new ExposureValidator(Configuration(new()
        {
            ["urls"] = "https://0.0.0.0:443",
            ["Identity:LocalAccounts:AllowRegistration"] = "false",
        }));

        Assert.True(validator.Validate(null, new HubOptions()).Succeeded);
    }

    [Fact]
    public void Validate_PublicAddressWithFirebaseOnly_OnlyPlainHttpIsRefused()
    {
        var validator = new ExposureValidator(Configuration(new()
        {
            ["urls"] = "http://*:19200",
            ["Identity:LocalAccounts:Enabled"] = "false",
            ["Identity:Firebase:ProjectId"] = "jiyul-prod",
        }));

        var result = validator.Validate(null, new HubOptions());

        Assert.Single(result.Failures!);
        Assert.Contains("plain HTTP on http://*:19200", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PublicAddressWithOpenRegistration_IsRefusedListingEveryReason()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var thrown = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHub.StartAsync(
                new Dictionary<string, string?> { ["urls"] = Everywhere }, dataDirectory: data)).WaitAsync(TestHub.StartTimeout);

            Assert.Equal(2, thrown.Failures.Count());
            Assert.Contains(thrown.Failures, f => f.Contains(
                $"The hub listens on {Everywhere}, which is not a loopback address, and local accounts are open to registration",
                StringComparison.Ordinal) && f.Contains("Identity:LocalAccounts:AllowPublicRegistration=true", StringComparison.Ordinal));
            Assert.Contains(thrown.Failures, f => f.Contains($"The hub serves plain HTTP on {Everywhere}", StringComparison.Ordinal)
                && f.Contains("Hub:AllowPublicHttp=true", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_PublicAddressWithOnlyOneOverride_IsStillRefusedForTheOther()
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var thrown = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHub.StartAsync(
                new Dictionary<string, string?>
                {
                    ["urls"] = Everywhere,
                    ["Identity:LocalAccounts:AllowPublicRegistration"] = "true",
                }, dataDirectory: data)).WaitAsync(TestHub.StartTimeout);

            var failure = Assert.Single(thrown.Failures);
            Assert.Contains("plain HTTP", failure, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_PublicAddressWithExplicitOverrides_Starts()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["urls"] = Everywhere,
            ["Identity:LocalAccounts:AllowPublicRegistration"] = "true",
            ["Hub:AllowPublicHttp"] = "true",
        }).WaitAsync(TestHub.StartTimeout);

        Assert.Equal("0.0.0.0", hub.BaseAddress.Host);
    }

    [Fact]
    public async Task StartAsync_PublicAddressWithRegistrationClosed_Starts()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["urls"] = Everywhere,
            ["Identity:LocalAccounts:AllowRegistration"] = "false",
            ["Hub:AllowPublicHttp"] = "true",
        }).WaitAsync(TestHub.StartTimeout);

        Assert.Equal("0.0.0.0", hub.BaseAddress.Host);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
