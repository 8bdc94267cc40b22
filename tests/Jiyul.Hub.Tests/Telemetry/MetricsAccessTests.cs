using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jiyul.Hub.Telemetry;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Tests.Telemetry;

/// <summary>Who may read <c>/metrics</c>: by default only this machine, otherwise by token, openly, or nobody.</summary>
/// <remarks>Alone, as <see cref="MetricsTests"/> are: other hubs in the process would record into the same series.</remarks>
[Collection(nameof(MetricsTests))]
public sealed class MetricsAccessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private const string Token = "scrape-token-0123456789abcdef";

    [Fact]
    public async Task Metrics_ByDefault_ServeThisMachineButNotARelayedRequest()
    {
        await using var hub = await TestHub.StartAsync();

        using var local = await hub.Client.GetAsync("/metrics").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("text/plain", local.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE jiyul_cells_running gauge", await local.Content.ReadAsStringAsync().WaitAsync(s_timeout));

        // Through a proxy on this machine (a tunnel, nginx) the client is elsewhere, whether the hub trusts the proxy
        // (the address becomes the client's) or not (the header stays).
        foreach (var header in new[] { "X-Forwarded-For", "Forwarded", "X-Real-IP" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.TryAddWithoutValidation(header, header == "Forwarded" ? "for=203.0.113.9" : "203.0.113.9");
            using var relayed = await hub.Client.SendAsync(request).WaitAsync(s_timeout);
            Assert.Equal(HttpStatusCode.Forbidden, relayed.StatusCode);
            var problem = await relayed.Content.ReadFromJsonAsync<ProblemShape>().WaitAsync(s_timeout);
            Assert.Equal("metrics-local-only", problem!.Reason);
        }
    }

    [Fact]
    public async Task Metrics_WithTokenAccess_AnswerOnlyTheRightToken()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Metrics:Access"] = "Token",
            ["Metrics:Token"] = Token,
        });

        using var none = await hub.Client.GetAsync("/metrics").WaitAsync(s_timeout);
        using var wrong = await ScrapeWithAsync(hub, Token + "x");
        using var right = await ScrapeWithAsync(hub, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("jiyul_cells_running", await right.Content.ReadAsStringAsync().WaitAsync(s_timeout));
    }

    [Fact]
    public async Task Metrics_OpenAndOff_AnswerAnyoneAndNobody()
    {
        await using (var open = await TestHub.StartAsync(new Dictionary<string, string?> { ["Metrics:Access"] = "Open" }))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            using var relayed = await open.Client.SendAsync(request).WaitAsync(s_timeout);
            Assert.Equal(HttpStatusCode.OK, relayed.StatusCode);
        }

        await using var off = await TestHub.StartAsync(new Dictionary<string, string?> { ["Metrics:Access"] = "Off" });
        using var answer = await off.Client.GetAsync("/metrics").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Theory]
    [InlineData("Token", null, "Metrics:Token is 0 characters long")]
    [InlineData("Token", "short", "Metrics:Token is 5 characters long")]
    [InlineData("7", null, "Metrics:Access is 7")]
    public async Task Metrics_BadSettings_StopTheHubWithTheReason(string access, string? token, string expected)
    {
        var data = Directory.CreateTempSubdirectory("jiyul-test-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Metrics:Access"] = access, ["Metrics:Token"] = token };

            var thrown = await Assert.ThrowsAsync<OptionsValidationException>(
                () => TestHub.StartAsync(settings, dataDirectory: data)).WaitAsync(TestHub.StartTimeout);

            Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void MetricsOptions_TokenOfEnoughLength_IsAccepted()
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { Access = MetricsAccess.Token, Token = Token });

        Assert.True(result.Succeeded);
    }

    private static async Task<HttpResponseMessage> ScrapeWithAsync(TestHub hub, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await hub.Client.SendAsync(request).WaitAsync(s_timeout);
    }

    private sealed record ProblemShape(int Status, string? Reason);
}
