using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

/// <summary>
/// One real hub (in this process, on 127.0.0.1, offline model, real agent cells) serving the built web app, and one
/// headless Debian Chromium driven by Playwright. Playwright never downloads a browser here: it is told the path of
/// the system's. Each test opens its own browser context (its own storage), so no test sees another's session.
/// </summary>
public sealed class BrowserHubFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    internal TestHub Hub { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => Hub.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        var web = RepositoryRoot.Combine("web", "out");
        if (!File.Exists(Path.Combine(web, "index.html")))
        {
            throw new InvalidOperationException(
                $"The web app is not built ({web} has no index.html); run ./jiyul test, or npm ci and npm run build in web/.");
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}; install Debian's chromium (./jiyul setup does).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Every browser signs in from 127.0.0.1, so the per-address sign-in limit is off here.
        Hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Hub:WebDirectory"] = web,
            ["Limits:SignInsPerMinute"] = "0",
        }).WaitAsync(TestHub.StartTimeout);
        _playwright = await Playwright.CreateAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        }).WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>A fresh browser context: desktop by default, or a phone-sized touch screen; on this hub unless told.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool phone = false, string locale = "en-US", string? baseUrl = null)
    {
        var options = phone
            ? new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 2,
                IsMobile = true,
                HasTouch = true,
                Locale = locale,
            }
            : new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = locale };
        options.BaseURL = baseUrl ?? BaseUrl;
        var context = await Browser.NewContextAsync(options).WaitAsync(TimeSpan.FromSeconds(30));
        context.SetDefaultTimeout(60_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _playwright?.Dispose();
        if (Hub is not null)
        {
            await Hub.DisposeAsync().AsTask().WaitAsync(TestHub.StartTimeout);
        }
    }
}
