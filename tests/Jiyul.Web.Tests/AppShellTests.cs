using System.Text.RegularExpressions;
using Jiyul.Hub.Tests.Files;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

[Collection(BrowserTests.Collection)]
public sealed class AppShellTests(BrowserHubFixture fixture)
{
    [Fact]
    public async Task Language_FollowsTheBrowser_SwitchesAndIsRemembered()
    {
        await using var context = await fixture.NewContextAsync(locale: "ko-KR");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "지율" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");

        await page.GetByTestId("language").SelectOptionAsync("en");
        await Assertions.Expect(page.GetByTestId("auth-submit")).ToHaveTextAsync("Sign in");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("auth-submit")).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task WrongPassword_IsSaid_AndNoSessionIsKept()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var email = await WebUser.RegisterAsync(page);
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin$"));

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Not-the-password-1");
        await page.GetByTestId("auth-submit").ClickAsync();

        await Assertions.Expect(page.Locator("form [role=alert]")).ToHaveTextAsync("The email address or the password is wrong.");
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('jiyul.refreshToken')"));

        await page.GetByLabel("Password").FillAsync(WebUser.Password);
        await page.GetByTestId("auth-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/chat$"));
    }

    [Fact]
    public async Task WeakPassword_AtRegistration_SaysWhatIsMissing()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "New here? Create an account" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(WebUser.NewEmail());
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByTestId("auth-submit").ClickAsync();

        await Assertions.Expect(page.Locator("form [role=alert]")).ToContainTextAsync("Passwords must");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin$"));
    }

    [Fact]
    public async Task ExpiredAccessToken_IsRefreshed_WithoutSigningOut()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        var first = await page.EvaluateAsync<string>("() => localStorage.getItem('jiyul.refreshToken')");

        // The next API call answers 401 once, as it would for an access token that ran out.
        var refused = 0;
        await page.RouteAsync(url => url.Contains("/api/conversations?", StringComparison.Ordinal), async route =>
        {
            if (Interlocked.Increment(ref refused) == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 401, ContentType = "application/problem+json", Body = "{}" });
                return;
            }

            await route.ContinueAsync();
        });
        await page.ReloadAsync();

        await Assertions.Expect(page.GetByText("No conversations yet.")).ToBeVisibleAsync();
        Assert.EndsWith("/chat", page.Url, StringComparison.Ordinal);
        Assert.True(refused >= 2, "the list was not asked for again after the refresh");
        Assert.NotEqual(first, await page.EvaluateAsync<string>("() => localStorage.getItem('jiyul.refreshToken')"));
    }

    [Fact]
    public async Task UploadRefusals_AreExplainedToThePerson()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        var input = page.GetByTestId("file-input");

        // A real refusal from the hub: an executable is not an accepted type (415).
        await input.SetInputFilesAsync(new FilePayload { Name = "tool.pdf", MimeType = "application/pdf", Buffer = Samples.Elf() });
        await Assertions.Expect(page.GetByTestId("upload").Last).ToContainTextAsync("This type of file is not accepted");

        // Too large and too many uploads, answered as the hub answers them.
        await page.RouteAsync("**/api/files", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 413,
            ContentType = "application/problem+json",
            Body = """{"status":413,"reason":"too-large","detail":"over 25 MiB"}""",
        }));
        await input.SetInputFilesAsync(new FilePayload { Name = "big.pdf", MimeType = "application/pdf", Buffer = Samples.Pdf("x") });
        await Assertions.Expect(page.GetByTestId("upload").Last).ToContainTextAsync("The file is too large.");

        await page.UnrouteAsync("**/api/files");
        await page.RouteAsync("**/api/files", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 429,
            Headers = new Dictionary<string, string> { ["Retry-After"] = "42" },
            ContentType = "application/problem+json",
            Body = """{"status":429,"detail":"too many uploads"}""",
        }));
        await input.SetInputFilesAsync(new FilePayload { Name = "third.pdf", MimeType = "application/pdf", Buffer = Samples.Pdf("x") });
        await Assertions.Expect(page.GetByTestId("upload").Last).ToContainTextAsync("Too many requests — try again in 42 s.");
        await Assertions.Expect(page.GetByTestId("send")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Profile_OpensFromTheChat_WithLabelledFields()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);

        await page.GetByTestId("profile-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/profile$"));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profile" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Name")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("About me")).ToBeVisibleAsync();
        var available = await page.GetByText("The profile is not available on this hub yet.").CountAsync() == 0;
        if (available)
        {
            // The profile API is on this hub: what is saved comes back after a reload.
            await page.GetByLabel("Name").FillAsync("Minji");
            await page.GetByLabel("About me").FillAsync("I run a small bakery in Seoul.");
            await page.GetByTestId("profile-save").ClickAsync();
            await Assertions.Expect(page.Locator(".profile-form [role=status]")).ToHaveTextAsync("Saved.");
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByLabel("Name")).ToHaveValueAsync("Minji");
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("profile-save")).ToBeDisabledAsync();
        }

        await WebUser.ScreenshotAsync(page, "profile-desktop");
    }

    [Fact]
    public async Task Pwa_ManifestAndServiceWorker_AndOfflinePageSaysOffline()
    {
        await using var context = await fixture.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");

        var manifest = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        Assert.Equal("/manifest.webmanifest", manifest);
        var response = await page.APIRequest.GetAsync("/manifest.webmanifest");
        Assert.Contains("\"start_url\": \"/chat\"", await response.TextAsync(), StringComparison.Ordinal);
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => !!navigator.serviceWorker.controller"));

        await context.SetOfflineAsync(true);
        await page.GotoAsync("/profile");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("You are offline") })).ToBeVisibleAsync();
        await WebUser.ScreenshotAsync(page, "offline-phone");
        await context.SetOfflineAsync(false);
    }
}
