using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Jiyul.Bench.Hosting;
using Jiyul.Bench.Load;
using Jiyul.Bench.Reporting;
using Microsoft.Playwright;

namespace Jiyul.Bench.Phases;

/// <summary>
/// The web app as a person meets it, in Debian's headless Chromium driven by Playwright (never a downloaded browser):
/// the JavaScript the first load of a page fetches, counted raw, gzip-compressed here, and as the hub sent it (its body
/// bytes on the wire: the hub compresses the app's files for a browser that accepts it), and the time from the start of a
/// navigation to an interactive chat screen (the message box on screen and the conversation list loaded from the API),
/// with an empty cache and with the cache the immutable hashed files leave behind.
/// </summary>
internal static class WebAppPhase
{
    public const string Name = "9. Web app";
    private const string Chromium = "/usr/bin/chromium";

    // Navigation start to the moment both the message box and the loaded conversation list are on the page.
    private const string InteractiveScript = """
        () => {
          const box = document.querySelector('[data-testid=message-input]');
          const list = document.querySelector('[data-testid=conversation-list]');
          return box && list && list.getAttribute('aria-busy') === 'false' ? performance.now() : null;
        }
        """;

    public static async Task RunAsync(
        string repository,
        BenchHub hub,
        BenchOptions options,
        BenchResults results,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(repository, "web", "out", "index.html")) || !File.Exists(Chromium))
        {
            results.Notes.Add($"{Name}: not measured: it needs the built web app (web/out, `./jiyul up` or `./jiyul test` builds it) "
                + $"and Debian's chromium at {Chromium}.");
            return;
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var baseUrl = hub.BaseAddress.ToString().TrimEnd('/');

        var signIn = await FirstLoadScriptsAsync(browser, baseUrl, "/signin", storageState: null, cancellationToken);
        var session = await SignedInStateAsync(browser, baseUrl, cancellationToken);
        var chat = await FirstLoadScriptsAsync(browser, baseUrl, "/chat", session, cancellationToken);

        var rounds = options.Quick ? 3 : 10;
        var cold = new List<double>(rounds);
        var coldWall = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            await using var context = await NewContextAsync(browser, baseUrl, session);
            cold.Add(await InteractiveAsync(await context.NewPageAsync(), cancellationToken));
        }

        coldWall.Stop();
        var warm = new List<double>(rounds);
        var warmWall = new Stopwatch();
        await using (var context = await NewContextAsync(browser, baseUrl, session))
        {
            var page = await context.NewPageAsync();
            await InteractiveAsync(page, cancellationToken);
            warmWall.Start();
            for (var i = 0; i < rounds; i++)
            {
                warm.Add(await InteractiveAsync(page, cancellationToken));
            }

            warmWall.Stop();
        }

        var coldSample = new LatencySample(cold, 0, coldWall.Elapsed, TimeSpan.Zero);
        var warmSample = new LatencySample(warm, 0, warmWall.Elapsed, TimeSpan.Zero);
        results.Figures.Add(new FigureRow(Name, "navigation → interactive chat, /chat, empty cache", 1, coldSample,
            ShowThroughput: false));
        results.Figures.Add(new FigureRow(Name, "navigation → interactive chat, /chat, cache from an earlier visit", 1, warmSample,
            ShowThroughput: false));

        results.Targets.Add(new TargetResult($"{Name}: JavaScript of the first load, as sent by the hub; gzip (raw)", "–",
            $"/signin {Kb(signIn.Sent)}; {Kb(signIn.Gzip)} ({Kb(signIn.Raw)}) in {signIn.Files} files; /chat {Kb(chat.Sent)}; "
            + $"{Kb(chat.Gzip)} ({Kb(chat.Raw)}) in {chat.Files} files", null, HasGoal: false));
        results.Targets.Add(new TargetResult($"{Name}: navigation → interactive chat on localhost, p50", "–",
            $"{Format.Ms(coldSample.Percentile(50))} ms empty cache, {Format.Ms(warmSample.Percentile(50))} ms cached "
            + $"(n = {rounds} each)", null, HasGoal: false));
        results.Method.Add($"{Name}: headless Chromium {browser.Version} (Debian's, through Playwright) against the hub in this "
            + "process. First load: every script response of one navigation with an empty cache, until the network is idle, "
            + "summed raw, gzip-compressed here (.NET's GZipStream, optimal level, per file), and as sent: the encoded body "
            + "bytes Chromium received (the hub compresses the app's files, with Brotli for a browser that accepts it). "
            + "/chat is loaded signed in. "
            + "Navigation → interactive: performance.now() (from the navigation's start) when the message box is on the "
            + "page and the conversation list has been loaded from the API (which includes refreshing the access token "
            + $"from the stored refresh token), {rounds} times in a fresh context each (empty cache) and {rounds} reloads "
            + "in one context (hashed files from the cache).");
    }

    private static Task<IBrowserContext> NewContextAsync(IBrowser browser, string baseUrl, string? storageState) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });

    /// <summary>Registers through the app once and keeps its storage (the refresh token) for the signed-in runs.</summary>
    private static async Task<string> SignedInStateAsync(IBrowser browser, string baseUrl, CancellationToken cancellationToken)
    {
        await using var context = await NewContextAsync(browser, baseUrl, null);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "New here? Create an account" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync($"web-{Guid.NewGuid():N}@example.test");
        await page.GetByLabel("Password").FillAsync("Bench-horse-7-staple");
        await page.GetByTestId("auth-submit").ClickAsync();
        await page.GetByTestId("message-input").WaitForAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return await context.StorageStateAsync();
    }

    private static async Task<(long Raw, long Gzip, long Sent, int Files)> FirstLoadScriptsAsync(
        IBrowser browser,
        string baseUrl,
        string path,
        string? storageState,
        CancellationToken cancellationToken)
    {
        await using var context = await NewContextAsync(browser, baseUrl, storageState);
        var page = await context.NewPageAsync();
        var scripts = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "script")
            {
                scripts.Add(response);
            }
        };
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        cancellationToken.ThrowIfCancellationRequested();

        long raw = 0, gzip = 0, sent = 0;
        foreach (var response in scripts)
        {
            var body = await response.BodyAsync();
            raw += body.Length;
            gzip += Gzipped(body);
            sent += (await response.Request.SizesAsync()).ResponseBodySize;
        }

        return (raw, gzip, sent, scripts.Count);
    }

    private static async Task<double> InteractiveAsync(IPage page, CancellationToken cancellationToken)
    {
        await page.GotoAsync("/chat", new() { WaitUntil = WaitUntilState.Commit });
        var handle = await page.WaitForFunctionAsync(InteractiveScript, null, new() { PollingInterval = 5, Timeout = 30_000 });
        cancellationToken.ThrowIfCancellationRequested();
        return await handle.JsonValueAsync<double>();
    }

    private static long Gzipped(byte[] body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return buffer.Length;
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";
}
