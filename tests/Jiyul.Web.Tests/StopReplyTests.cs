using Jiyul.Hub.Models;
using Jiyul.Hub.Tests.Conversations;
using Jiyul.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

[Collection(BrowserTests.Collection)]
public sealed class StopReplyTests(BrowserHubFixture fixture)
{
    [Fact]
    public async Task StopMidReply_HubStopsIt_AndKeepsWhatArrived()
    {
        // A hub of its own whose model holds its answer after the first piece, so the reply is surely mid-stream.
        var model = new ScriptedModelProvider();
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?>
            {
                ["Hub:WebDirectory"] = RepositoryRoot.Combine("web", "out"),
                ["Limits:SignInsPerMinute"] = "0",
            },
            services: s => s.AddSingleton<IModelProvider>(model)).WaitAsync(TestHub.StartTimeout);
        await using var context = await fixture.NewContextAsync(baseUrl: hub.BaseAddress.ToString().TrimEnd('/'));
        var page = await context.NewPageAsync();
        await WebUser.RegisterAsync(page);
        var hold = model.HoldNext();

        await page.GetByTestId("message-input").FillAsync("긴 답을 주세요");
        await page.GetByTestId("send").ClickAsync();
        await hold.FirstPieceSent.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var reply = page.GetByTestId("assistant-message");
        await Assertions.Expect(reply).ToContainTextAsync(ScriptedModelProvider.FirstPiece.Trim());
        await page.GetByTestId("stop").ClickAsync();

        await Assertions.Expect(reply).ToHaveAttributeAsync("data-status", "stopped");
        await Assertions.Expect(reply).ToContainTextAsync("Stopped.");
        await Assertions.Expect(page.GetByTestId("send")).ToBeVisibleAsync();
        hold.Release();

        // The hub stored what had arrived, and nothing after it.
        await page.ReloadAsync();
        await Assertions.Expect(reply).ToHaveAttributeAsync("data-status", "incomplete");
        await Assertions.Expect(reply).ToContainTextAsync(ScriptedModelProvider.FirstPiece.Trim());
        await Assertions.Expect(reply).Not.ToContainTextAsync("끝.");
    }
}
