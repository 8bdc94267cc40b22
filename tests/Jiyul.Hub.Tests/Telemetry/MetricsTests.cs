using System.Net;
using System.Net.Http.Json;
using Docker.DotNet.Models;
using Jiyul.Hub.Tests.Files;
using Jiyul.Hub.Tests.Infrastructure;

namespace Jiyul.Hub.Tests.Telemetry;

// OpenTelemetry listens to every meter of one name in the process, so a hub's series also count what any other hub in
// the same process records (seen here: an upload to one test hub showed in another's scrape). Production runs one hub
// per process; tests that read the hub's series run alone, so that no other test's hub records into them.
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsSerial;

/// <summary>The hub's own series move where the things they count happen: a real agent cell, the proxy, the model, uploads.</summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Metrics_CellStartProxyChatAndUploads_MoveTheirSeries()
    {
        await using var hub = await TestHub.StartAsync();
        var (alice, aliceUid) = await hub.SignUpAsync();
        var (bob, _) = await hub.SignUpAsync();

        var before = await ScrapeAsync(hub.Client);
        Assert.Equal(0, before.Value("jiyul_cells_running", ("runtime", "agent")));
        Assert.Null(before.Value("jiyul_uploads_total"));

        // A real agent cell starts; a chat goes through the proxy into it and on to the offline model.
        (await alice.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        var question = new { role = "user", content = "종합소득세 신고 기한은?" };
        var chat = await alice.PostAsJsonAsync($"/proxy/{aliceUid}/v1/chat/completions",
            new { model = "jiyul", messages = new[] { question } }).WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var refused = await bob.GetAsync($"/proxy/{aliceUid}/v1/models").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // One upload stored, one refused for its type.
        var content = Samples.Text("세금 계산 메모\n");
        await Uploads.UploadAsync(alice, content, "memo.txt");
        using var rejected = await Uploads.PostAsync(alice, Samples.Elf(), "tool.bin");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, rejected.StatusCode);

        // The model's usage is recorded once its answer has gone out, which may be a moment after the proxy answered.
        var after = await ScrapeUntilAsync(hub.Client, s => s.Value("jiyul_model_tokens_total", ("direction", "output")) > 0);

        Assert.Equal(1, after.Value("jiyul_cells_running", ("runtime", "agent")));
        Assert.Equal(0, after.Value("jiyul_cells_running", ("runtime", "openclaw")));
        Assert.Equal(1, after.Value("jiyul_cell_start_duration_seconds_count", ("runtime", "agent"), ("outcome", "ok")));
        Assert.InRange(after.Value("jiyul_cell_start_duration_seconds_sum", ("runtime", "agent"), ("outcome", "ok"))!.Value, 0.001, 60);
        Assert.Equal(1, after.Value("jiyul_cell_start_duration_seconds_bucket", ("runtime", "agent"), ("outcome", "ok"), ("le", "+Inf")));
        Assert.Equal(1, after.Value("jiyul_proxy_requests_total", ("status_class", "2xx")));
        Assert.Equal(1, after.Value("jiyul_proxy_requests_total", ("status_class", "4xx")));
        Assert.True(after.Value("jiyul_model_tokens_total", ("direction", "input"), ("provider", "offline")) > 0, after.Text);
        Assert.True(after.Value("jiyul_model_tokens_total", ("direction", "output"), ("provider", "offline")) > 0, after.Text);
        Assert.Equal(1, after.Value("jiyul_uploads_total", ("outcome", "stored")));
        Assert.Equal(1, after.Value("jiyul_uploads_total", ("outcome", "rejected")));
        Assert.Equal(content.Length, after.Value("jiyul_upload_size_bytes_total"));

        // The platform's own meters come along: requests by route, and the runtime.
        Assert.NotNull(after.Value("http_server_request_duration_seconds_count"));
        Assert.NotNull(after.Value("dotnet_gc_collections_total"));
    }

    [Fact]
    public async Task Metrics_CellStoppedBehindTheHubsBack_LeavesTheRunningGauge()
    {
        await using var hub = await TestHub.StartAsync();
        using var docker = new TestDocker();
        var (client, uid) = await hub.SignUpAsync();
        (await client.PostAsync("/ensure", null).WaitAsync(s_timeout)).EnsureSuccessStatusCode();
        Assert.Equal(1, (await ScrapeAsync(hub.Client)).Value("jiyul_cells_running", ("runtime", "agent")));

        // Docker's events tell the hub the cell stopped; the gauge follows without any request.
        await docker.Client.Containers.StopContainerAsync(TestDocker.NameOf(uid), new ContainerStopParameters { WaitBeforeKillSeconds = 1 })
            .WaitAsync(s_timeout);
        var scrape = await ScrapeUntilAsync(hub.Client, s => s.Value("jiyul_cells_running", ("runtime", "agent")) == 0);

        Assert.Equal(0, scrape.Value("jiyul_cells_running", ("runtime", "agent")));
    }

    [Fact]
    public async Task Metrics_CellThatCannotStart_CountsAsFailedAndNotRunning()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Cells:Images:agent"] = "jiyul/not-built-" + Guid.NewGuid().ToString("N")[..8] + ":latest",
        });
        var (client, _) = await hub.SignUpAsync();

        var ensure = await client.PostAsync("/ensure", null).WaitAsync(s_timeout);
        var scrape = await ScrapeAsync(hub.Client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ensure.StatusCode);
        Assert.Equal(1, scrape.Value("jiyul_cell_start_duration_seconds_count", ("runtime", "agent"), ("outcome", "failed")));
        Assert.Null(scrape.Value("jiyul_cell_start_duration_seconds_count", ("outcome", "ok")));
        Assert.Equal(0, scrape.Value("jiyul_cells_running", ("runtime", "agent")));
    }

    internal static async Task<PrometheusScrape> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics").WaitAsync(s_timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return PrometheusScrape.Parse(text);
    }

    // The exporter answers a scrape from a cache for a few hundred milliseconds; this scrapes until the condition holds.
    private static async Task<PrometheusScrape> ScrapeUntilAsync(HttpClient client, Func<PrometheusScrape, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var scrape = await ScrapeAsync(client);
            if (condition(scrape) || deadline.IsCancellationRequested)
            {
                return scrape;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }
}
