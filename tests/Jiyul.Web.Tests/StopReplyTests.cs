using Jiyul.Hub.Tests.Conversations;
using Microsoft.Playwright;

namespace Jiyul.Web.Tests;

[Collection(BrowserTests.Collection)]
public sealed class StopReplyTests(BrowserHubFixture fixture)
{
    [Fact]
    public async Task StopMidReply_HubStopsIt_AndKeepsWhatArrived()
    {
        var model = new ScriptedModelProvider();
        await using var hub = await MidReply.StartHubAsync(model);
        await using var context = await fixture.NewContextAsync(baseUrl: hub.BaseAddress.ToString().TrimEnd('/'));
        var page = await context.NewPageAsync();
        var hold = await MidReply.SendAndHoldAsync(page, model, "긴 답을 주세요");
        var reply = page.GetByTestId("assistant-message");
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
