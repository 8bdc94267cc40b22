using System.Text.RegularExpressions;
using Docker.DotNet;
using Jiyul.Hub.Cells;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

[Collection(BrowserTests.Collection)]
public sealed class ColdStartTests(BrowserHubFixture fixture)
{
    [Fact]
    public async Task StoppedCell_ShowsTickingStartIndicator_ThenTheMessageGoesThrough()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        await WebUser.SendAsync(page, "종합소득세 신고 기한은?");
        var uid = await page.EvaluateAsync<string>("""
            async () => {
              const r = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ refreshToken: localStorage.getItem('jiyul.refreshToken') }) });
              const { accessToken, refreshToken } = await r.json();
              localStorage.setItem('jiyul.refreshToken', refreshToken);
              const me = await fetch('/api/auth/whoami', { headers: { authorization: 'Bearer ' + accessToken } });
              return (await me.json()).uid;
            }
            """);

        // The user's cell is stopped behind the hub's back, as the idle culler would stop it.
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
        var name = "jiyul-" + UidHash.Of(uid);
        await docker.Containers.StopContainerAsync(name, new() { WaitBeforeKillSeconds = 5 }).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False((await docker.Containers.InspectContainerAsync(name).WaitAsync(TimeSpan.FromSeconds(30))).State.Running);

        // An agent cell starts in well under a second; the ensure request is held back in the browser for two
        // seconds so that the ticking indicator can be seen and captured, as an OpenClaw cell's 10-40 s start shows it.
        await page.RouteAsync("**/ensure", async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            await route.ContinueAsync();
        });
        await page.GetByTestId("message-input").FillAsync("부가가치세 신고 기한은?");
        await page.GetByTestId("send").ClickAsync();

        var indicator = page.GetByTestId("cell-starting");
        await Assertions.Expect(indicator).ToHaveTextAsync(new Regex("Your assistant is starting — 0s"));
        await Assertions.Expect(indicator).ToHaveTextAsync(new Regex("Your assistant is starting — [12]s"));
        await WebUser.ScreenshotAsync(page, "starting-desktop");

        var reply = page.GetByTestId("assistant-message").Nth(1);
        await Assertions.Expect(reply).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 90_000 });
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(indicator).ToHaveTextAsync(new Regex(@"Your assistant started in \d+\.\ds"));
        Assert.True((await docker.Containers.InspectContainerAsync(name).WaitAsync(TimeSpan.FromSeconds(30))).State.Running);
        await Assertions.Expect(page.GetByTestId("user-message")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task StopWhileTheCellStarts_SendsNothing_AndPutsTheTextBack()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        var held = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/ensure", async route =>
        {
            held.TrySetResult();
            await release.Task;
            try
            {
                await route.ContinueAsync();
            }
            catch (PlaywrightException)
            {
                // The page gave up on the request (the stop button): nothing to continue.
            }
        });

        await page.GetByTestId("message-input").FillAsync("증여세 신고 기한은?");
        await page.GetByTestId("send").ClickAsync();
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Assertions.Expect(page.GetByTestId("user-message")).ToHaveCountAsync(1);
        await page.GetByTestId("stop").ClickAsync();
        release.SetResult();

        await Assertions.Expect(page.GetByTestId("message-input")).ToHaveValueAsync("증여세 신고 기한은?");
        await Assertions.Expect(page.GetByTestId("user-message")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("send")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("user-message")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SpentTokenBudget_IsSaid_AndTheTextComesBack()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        await page.RouteAsync("**/api/conversations/*/messages", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 429,
                Headers = new Dictionary<string, string> { ["Retry-After"] = "3600" },
                ContentType = "application/problem+json",
                Body = """{"status":429,"reason":"token-budget-spent","detail":"100000 of 100000 tokens used today"}""",
            });
        });

        await page.GetByTestId("message-input").FillAsync("법인세 신고 기한은?");
        await page.GetByTestId("send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("chat-error")).ToContainTextAsync("Today's usage limit is reached");
        await Assertions.Expect(page.GetByTestId("message-input")).ToHaveValueAsync("법인세 신고 기한은?");
        await Assertions.Expect(page.GetByTestId("user-message")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CellThatCannotStart_SaysSo_AndKeepsTheMessage()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        await page.RouteAsync("**/ensure", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 503,
            ContentType = "application/problem+json",
            Body = """{"title":"The cell could not start","status":503,"detail":"start timeout","reason":"cell-start-failed"}""",
        }));

        await page.GetByTestId("message-input").FillAsync("양도소득세 신고 기한은?");
        await page.GetByTestId("send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("chat-error")).ToHaveTextAsync("Your assistant could not start. Try again in a moment.");
        await Assertions.Expect(page.GetByTestId("message-input")).ToHaveValueAsync("양도소득세 신고 기한은?");
    }
}
